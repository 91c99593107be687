/** The ggml tensor types the generator writes (ggml.h `ggml_type`). */
export enum GgmlType {
  F32 = 0,
  F16 = 1,
  Q8_0 = 8,
}

/** Elements per block and bytes per block of a tensor type. */
export function typeLayout(type: GgmlType): { blockElements: number; blockBytes: number } {
  switch (type) {
    case GgmlType.F32:
      return { blockElements: 1, blockBytes: 4 };
    case GgmlType.F16:
      return { blockElements: 1, blockBytes: 2 };
    case GgmlType.Q8_0:
      return { blockElements: 32, blockBytes: 34 };
  }
}

/** Bytes a tensor of `elements` values takes on disk. */
export function tensorBytes(type: GgmlType, elements: number): number {
  const { blockElements, blockBytes } = typeLayout(type);
  if (elements % blockElements !== 0) throw new RangeError(`${elements} elements is not a whole number of ${GgmlType[type]} blocks`);
  return (elements / blockElements) * blockBytes;
}
