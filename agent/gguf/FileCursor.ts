import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/**
 * Sequential little-endian reads from a file, buffered, without loading the whole file. Values
 * are read straight out of the buffer (no view per value): a Qwen vocabulary is some 450,000
 * metadata items, and a view each made reading a header cost a quarter of a second.
 */
export class FileCursor {
  readonly size: number;
  private readonly fd: number;
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;
  private position = 0;

  constructor(path: string) {
    this.fd = openSync(path, "r");
    this.size = fstatSync(this.fd).size;
  }

  get offset(): number {
    return this.position;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Advances `n` bytes without reading them; throws RangeError past the end. */
  skip(n: number): void {
    this.check(n);
    this.position += n;
  }

  u8(): number {
    const at = this.need(1);
    return this.buffer.readUInt8(at);
  }

  i8(): number {
    const at = this.need(1);
    return this.buffer.readInt8(at);
  }

  u16(): number {
    const at = this.need(2);
    return this.buffer.readUInt16LE(at);
  }

  i16(): number {
    const at = this.need(2);
    return this.buffer.readInt16LE(at);
  }

  u32(): number {
    const at = this.need(4);
    return this.buffer.readUInt32LE(at);
  }

  i32(): number {
    const at = this.need(4);
    return this.buffer.readInt32LE(at);
  }

  f32(): number {
    const at = this.need(4);
    return this.buffer.readFloatLE(at);
  }

  f64(): number {
    const at = this.need(8);
    return this.buffer.readDoubleLE(at);
  }

  u64Big(): bigint {
    const at = this.need(8);
    return this.buffer.readBigUInt64LE(at);
  }

  i64Big(): bigint {
    const at = this.need(8);
    return this.buffer.readBigInt64LE(at);
  }

  /** A 64-bit length or count as a number; throws RangeError past 2^53. */
  u64(): number {
    const at = this.need(8);
    const high = this.buffer.readUInt32LE(at + 4);
    if (high >= 0x200000) throw new RangeError(`64-bit value ${this.buffer.readBigUInt64LE(at)} is too large`);
    return high * 0x100000000 + this.buffer.readUInt32LE(at);
  }

  string(): string {
    const len = this.u64();
    const at = this.need(len);
    return this.buffer.toString("utf8", at, at + len);
  }

  /** Advances past a length-prefixed string without decoding it. */
  skipString(): void {
    this.skip(this.u64());
  }

  /**
   * Makes the next `n` bytes available in the buffer, advances, and returns where they start in it.
   * It may replace `this.buffer`: callers read the buffer only after it returns.
   */
  private need(n: number): number {
    this.check(n);
    const rel = this.position - this.bufferStart;
    if (rel < 0 || rel + n > this.buffer.length) this.fill(n);
    const at = this.position - this.bufferStart;
    this.position += n;
    return at;
  }

  private check(n: number): void {
    if (this.position + n > this.size) {
      throw new RangeError(`unexpected end of file at byte ${this.position} (needed ${n} more, file has ${this.size})`);
    }
  }

  private fill(n: number): void {
    const length = Math.min(Math.max(n, 1 << 20), this.size - this.position);
    this.buffer = Buffer.allocUnsafe(length);
    const read = readSync(this.fd, this.buffer, 0, length, this.position);
    if (read < length) throw new RangeError(`the file ended at byte ${this.position + read} while reading (it had ${this.size} bytes)`);
    this.bufferStart = this.position;
  }
}
