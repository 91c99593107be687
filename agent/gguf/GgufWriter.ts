import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { GgufValueType, scalarSize, type GgufKv, type GgufScalar } from "./GgufValueType.js";
import { tensorBytes, type GgmlType } from "./GgmlType.js";

/** Where a tensor's bytes come from: yields exactly `tensorBytes(type, elements)` bytes in order. */
export type TensorData = () => Iterable<Uint8Array>;

interface PendingTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: GgmlType;
  readonly bytes: number;
  readonly data: TensorData;
}

/** Progress of a write: bytes of tensor data written so far, of the total. */
export type WriteProgress = (written: number, total: number) => void;

const ALIGNMENT = 32;

/** Builds a GGUF v3 file from typed metadata and streamed tensor data (no whole-file buffer). */
export class GgufWriter {
  private readonly kvs: GgufKv[] = [];
  private readonly tensors: PendingTensor[] = [];

  /** Adds one metadata key; the type decides its bytes. */
  add(key: string, type: GgufValueType, value: GgufScalar): this {
    this.kvs.push({ key, type, value });
    return this;
  }

  /** Adds one array-valued metadata key of element type `arrayType`. */
  addArray(key: string, arrayType: GgufValueType, value: GgufScalar[]): this {
    this.kvs.push({ key, type: GgufValueType.ARRAY, arrayType, value });
    return this;
  }

  /** Adds a tensor; `dims` in ggml order (ne0, the contiguous dimension, first). */
  addTensor(name: string, dims: readonly number[], type: GgmlType, data: TensorData): this {
    const elements = dims.reduce((a, b) => a * b, 1);
    this.tensors.push({ name, dims, type, bytes: tensorBytes(type, elements), data });
    return this;
  }

  /** Total bytes of tensor data. */
  get dataBytes(): number {
    return this.tensors.reduce((sum, t) => sum + align(t.bytes), 0);
  }

  /** Writes the file to a temp name and renames it into place, so a cancelled write leaves nothing. */
  write(path: string, signal?: AbortSignal, onProgress?: WriteProgress): void {
    const tmp = `${path}.partial`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, this.header());
      const total = this.dataBytes;
      let written = 0;
      for (const t of this.tensors) {
        let n = 0;
        for (const chunk of t.data()) {
          signal?.throwIfAborted();
          writeSync(fd, chunk);
          n += chunk.length;
        }
        if (n !== t.bytes) throw new Error(`tensor ${t.name}: data source gave ${n} bytes, expected ${t.bytes}`);
        const pad = align(n) - n;
        if (pad > 0) writeSync(fd, Buffer.alloc(pad));
        written += n + pad;
        onProgress?.(written, total);
      }
      closeSync(fd);
      renameSync(tmp, path);
    } catch (error) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw error;
    }
  }

  private header(): Buffer {
    const parts: Buffer[] = [];
    const u32 = (v: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(v);
      parts.push(b);
    };
    const u64 = (v: number) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(v));
      parts.push(b);
    };
    const str = (s: string) => {
      const b = Buffer.from(s, "utf8");
      u64(b.length);
      parts.push(b);
    };
    parts.push(Buffer.from("GGUF", "ascii"));
    u32(3);
    u64(this.tensors.length);
    u64(this.kvs.length);
    for (const kv of this.kvs) {
      str(kv.key);
      u32(kv.type);
      if (kv.type === GgufValueType.ARRAY) {
        const items = kv.value as GgufScalar[];
        const itemType = kv.arrayType ?? GgufValueType.STRING;
        u32(itemType);
        u64(items.length);
        for (const item of items) parts.push(encodeScalar(itemType, item));
      } else {
        parts.push(encodeScalar(kv.type, kv.value as GgufScalar));
      }
    }
    let offset = 0;
    for (const t of this.tensors) {
      str(t.name);
      u32(t.dims.length);
      for (const d of t.dims) u64(d);
      u32(t.type);
      u64(offset);
      offset += align(t.bytes);
    }
    const header = Buffer.concat(parts);
    return Buffer.concat([header, Buffer.alloc(align(header.length) - header.length)]);
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}

function encodeScalar(type: GgufValueType, value: GgufScalar): Buffer {
  if (type === GgufValueType.STRING) {
    const s = Buffer.from(String(value), "utf8");
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(s.length));
    return Buffer.concat([len, s]);
  }
  const b = Buffer.alloc(scalarSize(type));
  switch (type) {
    case GgufValueType.UINT8:
      b.writeUInt8(Number(value));
      break;
    case GgufValueType.INT8:
      b.writeInt8(Number(value));
      break;
    case GgufValueType.UINT16:
      b.writeUInt16LE(Number(value));
      break;
    case GgufValueType.INT16:
      b.writeInt16LE(Number(value));
      break;
    case GgufValueType.UINT32:
      b.writeUInt32LE(Number(value));
      break;
    case GgufValueType.INT32:
      b.writeInt32LE(Number(value));
      break;
    case GgufValueType.FLOAT32:
      b.writeFloatLE(Number(value));
      break;
    case GgufValueType.BOOL:
      b.writeUInt8(value ? 1 : 0);
      break;
    case GgufValueType.UINT64:
      b.writeBigUInt64LE(BigInt(value));
      break;
    case GgufValueType.INT64:
      b.writeBigInt64LE(BigInt(value));
      break;
    case GgufValueType.FLOAT64:
      b.writeDoubleLE(Number(value));
      break;
    default:
      throw new TypeError(`cannot encode GGUF value type ${String(type)}`);
  }
  return b;
}
