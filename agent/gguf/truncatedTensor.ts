import { ggmlTensorBytes } from "./ggmlTensorBytes.js";
import type { GgufHeader } from "./readGguf.js";

/** The first tensor whose data runs past the file's `fileSize` bytes (a download cut short), and the byte it ends at. */
export function truncatedTensor(header: GgufHeader, fileSize: number): { readonly name: string; readonly end: number } | undefined {
  for (const t of header.tensors) {
    // A type this reader has no size for counts as one byte: the tensor at least starts inside the file.
    const end = header.dataOffset + t.offset + (ggmlTensorBytes(t.type, t.dims) ?? 1);
    if (end > fileSize) return { name: t.name, end };
  }
  return undefined;
}
