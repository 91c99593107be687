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
  /** How many items each array-valued key holds, read or not. */
  readonly arrayLengths: Map<string, number>;
  readonly tensors: GgufTensorInfo[];
  readonly dataOffset: number;
  readonly fileSize: number;
}

/** Thrown when a file is not a readable GGUF; the message names the file and the problem. */
export class GgufFormatError extends Error {}

const GGUF_MAGIC = 0x46554747; // "GGUF" little-endian

export interface ReadGgufOptions {
  /**
   * false: arrays are walked but not kept (only `arrayTypes` and `arrayLengths` name them), for a
   * reader that needs no vocabulary: a Qwen tokenizer is some 450,000 items. Default true.
   */
  readonly arrayItems?: boolean;
}

/** Reads the header of the GGUF file at `path` (not the tensor data). */
export function readGguf(path: string, options: ReadGgufOptions = {}): GgufHeader {
  const keepArrays = options.arrayItems ?? true;
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
    const arrayLengths = new Map<string, number>();
    for (let i = 0; i < nKv; i++) {
      const key = cursor.string();
      const type = cursor.u32() as GgufValueType;
      if (type === GgufValueType.ARRAY) {
        const itemType = cursor.u32() as GgufValueType;
        const n = cursor.u64();
        arrayTypes.set(key, itemType);
        arrayLengths.set(key, n);
        if (!keepArrays) {
          skipItems(cursor, itemType, n, path);
          continue;
        }
        const items: GgufScalar[] = new Array<GgufScalar>(n);
        for (let j = 0; j < n; j++) items[j] = readScalar(cursor, itemType, path);
        metadata.set(key, items);
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
    return { version, metadata, arrayTypes, arrayLengths, tensors, dataOffset, fileSize: cursor.size };
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
      return c.u8();
    case GgufValueType.INT8:
      return c.i8();
    case GgufValueType.UINT16:
      return c.u16();
    case GgufValueType.INT16:
      return c.i16();
    case GgufValueType.UINT32:
      return c.u32();
    case GgufValueType.INT32:
      return c.i32();
    case GgufValueType.FLOAT32:
      return c.f32();
    case GgufValueType.BOOL:
      return c.u8() !== 0;
    case GgufValueType.STRING:
      return c.string();
    case GgufValueType.UINT64:
      return c.u64Big();
    case GgufValueType.INT64:
      return c.i64Big();
    case GgufValueType.FLOAT64:
      return c.f64();
    default:
      throw new GgufFormatError(`${path}: unknown metadata value type ${String(type)}`);
  }
}

const SCALAR_BYTES: Partial<Record<GgufValueType, number>> = {
  [GgufValueType.UINT8]: 1,
  [GgufValueType.INT8]: 1,
  [GgufValueType.BOOL]: 1,
  [GgufValueType.UINT16]: 2,
  [GgufValueType.INT16]: 2,
  [GgufValueType.UINT32]: 4,
  [GgufValueType.INT32]: 4,
  [GgufValueType.FLOAT32]: 4,
  [GgufValueType.UINT64]: 8,
  [GgufValueType.INT64]: 8,
  [GgufValueType.FLOAT64]: 8,
};

function skipItems(c: FileCursor, type: GgufValueType, n: number, path: string): void {
  if (type === GgufValueType.STRING) {
    for (let j = 0; j < n; j++) c.skipString();
    return;
  }
  const bytes = SCALAR_BYTES[type];
  if (bytes === undefined) throw new GgufFormatError(`${path}: unknown metadata value type ${String(type)}`);
  c.skip(bytes * n);
}
