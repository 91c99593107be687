import { closeSync, openSync, readSync } from "node:fs";
import { GgufWriter } from "../../../agent/gguf/GgufWriter.js";
import { GgufValueType, type GgufScalar } from "../../../agent/gguf/GgufValueType.js";
import { ggmlTensorBytes } from "../../../agent/gguf/ggmlTensorBytes.js";
import { readGguf } from "../../../agent/gguf/readGguf.js";

/** Copies a GGUF with some metadata values replaced (same types), to make subtly broken models. */
export function rewriteGguf(src: string, dst: string, overrides: Record<string, GgufScalar>): void {
  const h = readGguf(src);
  const w = new GgufWriter();
  for (const [key, value] of h.metadata) {
    const v = Object.hasOwn(overrides, key) ? overrides[key]! : value;
    if (Array.isArray(v)) w.addArray(key, h.arrayTypes.get(key)!, v);
    else w.add(key, scalarType(v, key), v);
  }
  for (const t of h.tensors) {
    const bytes = ggmlTensorBytes(t.type, t.dims)!;
    w.addTensor(t.name, t.dims, t.type, function* () {
      const fd = openSync(src, "r");
      try {
        const buf = Buffer.alloc(bytes);
        readSync(fd, buf, 0, bytes, h.dataOffset + t.offset);
        yield buf;
      } finally {
        closeSync(fd);
      }
    });
  }
  w.write(dst);
}

// The generator writes counts as UINT32, floats as FLOAT32; enough for the files it makes.
function scalarType(v: GgufScalar, key: string): GgufValueType {
  if (typeof v === "string") return GgufValueType.STRING;
  if (typeof v === "boolean") return GgufValueType.BOOL;
  if (typeof v === "bigint") return GgufValueType.UINT64;
  return Number.isInteger(v) && !/eps|freq|epsilon/.test(key) ? GgufValueType.UINT32 : GgufValueType.FLOAT32;
}
