import { FileCursor } from "./FileCursor.js";
import { GgufValueType, type GgufScalar, type GgufValue } from "./GgufValueType.js";

/** One tensor's header entry: shape in ggml order (ne0 first), type, offset into the data section. */
export interface GgufTensorInfo {
  readonly name: string;
  readonly dims: number[];
  readonly type: number;
  readonly offset: number;
}

/** A GGUF file's header: metadata, tensor table, and where tensor data starts. */
export interface GgufHeader {
  readonly version: number;
  readonly metadata: Map<string, GgufValue>;
  /** Element types of array-valued keys, so a reader can copy them faithfully. */
  readonly arrayTypes: Map<string, GgufValueType>;
  readonly tensors: GgufTensorInfo[];
  readonly dataOffset: number;
  readonly fileSize: number;
}

/** Thrown when a file is not a readable GGUF; the message names the file and the problem. */
export class GgufFormatError extends Error {}

const GGUF_MAGIC = 0x46554747; // "GGUF" little-endian

/** Reads the header of the GGUF file at `path` (not the tensor data). */
export function readGguf(path: string): GgufHeader {
  const cursor = new FileCursor(path);
  try {
    if (cursor.size < 24) throw new GgufFormatError(`${path} is ${cursor.size} bytes, too small to be a GGUF file`);
    if (cursor.u32() !== GGUF_MAGIC) throw new GgufFormatError(`${path} is not a GGUF file (bad magic)`);
    const version = cursor.u32();
    if (version < 2 || version > 3) throw new GgufFormatError(`${path}: unsupported GGUF version ${version}`);
    const nTensors = cursor.u64();
    const nKv = cursor.u64();
    const metadata = new Map<string, GgufValue>();
    const arrayTypes = new Map<string, GgufValueType>();
    for (let i = 0; i < nKv; i++) {
      const key = cursor.string();
      const type = cursor.u32() as GgufValueType;
      if (type === GgufValueType.ARRAY) {
        const itemType = cursor.u32() as GgufValueType;
        const n = cursor.u64();
        const items: GgufScalar[] = new Array<GgufScalar>(n);
        for (let j = 0; j < n; j++) items[j] = readScalar(cursor, itemType, path);
        metadata.set(key, items);
        arrayTypes.set(key, itemType);
      } else {
        metadata.set(key, readScalar(cursor, type, path));
      }
    }
    const tensors: GgufTensorInfo[] = [];
    for (let i = 0; i < nTensors; i++) {
      const name = cursor.string();
      const nDims = cursor.u32();
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) dims.push(cursor.u64());
      tensors.push({ name, dims, type: cursor.u32(), offset: cursor.u64() });
    }
    const alignment = Number(metadata.get("general.alignment") ?? 32);
    const dataOffset = Math.ceil(cursor.offset / alignment) * alignment;
    return { version, metadata, arrayTypes, tensors, dataOffset, fileSize: cursor.size };
  } catch (error) {
    if (error instanceof GgufFormatError) throw error;
    throw new GgufFormatError(`${path} is not a valid GGUF file: ${(error as Error).message}`, { cause: error });
  } finally {
    cursor.close();
  }
}

function readScalar(c: FileCursor, type: GgufValueType, path: string): GgufScalar {
  switch (type) {
    case GgufValueType.UINT8:
      return c.take(1).readUInt8(0);
    case GgufValueType.INT8:
      return c.take(1).readInt8(0);
    case GgufValueType.UINT16:
      return c.take(2).readUInt16LE(0);
    case GgufValueType.INT16:
      return c.take(2).readInt16LE(0);
    case GgufValueType.UINT32:
      return c.take(4).readUInt32LE(0);
    case GgufValueType.INT32:
      return c.take(4).readInt32LE(0);
    case GgufValueType.FLOAT32:
      return c.take(4).readFloatLE(0);
    case GgufValueType.BOOL:
      return c.take(1).readUInt8(0) !== 0;
    case GgufValueType.STRING:
      return c.string();
    case GgufValueType.UINT64:
      return c.take(8).readBigUInt64LE(0);
    case GgufValueType.INT64:
      return c.take(8).readBigInt64LE(0);
    case GgufValueType.FLOAT64:
      return c.take(8).readDoubleLE(0);
    default:
      throw new GgufFormatError(`${path}: unknown metadata value type ${String(type)}`);
  }
}
