// [elements per block, bytes per block] of ggml tensor types (ggml.c type_traits).
const LAYOUT: Record<number, readonly [number, number]> = {
  0: [1, 4],
  1: [1, 2],
  2: [32, 18],
  3: [32, 20],
  6: [32, 22],
  7: [32, 24],
  8: [32, 34],
  9: [32, 36],
  10: [256, 84],
  11: [256, 110],
  12: [256, 144],
  13: [256, 176],
  14: [256, 210],
  15: [256, 292],
  16: [256, 66],
  17: [256, 74],
  18: [256, 98],
  19: [256, 50],
  20: [32, 18],
  21: [256, 110],
  22: [256, 82],
  23: [256, 136],
  24: [1, 1],
  25: [1, 2],
  26: [1, 4],
  27: [1, 8],
  28: [1, 8],
  29: [256, 56],
  30: [1, 2],
  34: [256, 54],
  35: [256, 66],
  39: [32, 17],
};

/** Bytes a tensor of ggml type `type` and shape `dims` takes, or undefined for a type this table lacks. */
export function ggmlTensorBytes(type: number, dims: readonly number[]): number | undefined {
  const layout = LAYOUT[type];
  if (!layout) return undefined;
  const elements = dims.reduce((a, b) => a * b, 1);
  return Math.ceil(elements / layout[0]) * layout[1];
}
