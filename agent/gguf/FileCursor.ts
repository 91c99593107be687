import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Sequential little-endian reads from a file, buffered, without loading the whole file. */
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

  /** Returns a view of the next `n` bytes and advances; throws RangeError past the end. */
  take(n: number): Buffer {
    if (this.position + n > this.size) {
      throw new RangeError(`unexpected end of file at byte ${this.position} (needed ${n} more, file has ${this.size})`);
    }
    const rel = this.position - this.bufferStart;
    if (rel < 0 || rel + n > this.buffer.length) this.fill(n);
    const start = this.position - this.bufferStart;
    this.position += n;
    return this.buffer.subarray(start, start + n);
  }

  u32(): number {
    return this.take(4).readUInt32LE(0);
  }

  u64(): number {
    const v = this.take(8).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`64-bit value ${v} is too large`);
    return Number(v);
  }

  string(): string {
    const len = this.u64();
    return this.take(len).toString("utf8");
  }

  private fill(n: number): void {
    const length = Math.min(Math.max(n, 1 << 20), this.size - this.position);
    this.buffer = Buffer.alloc(length);
    readSync(this.fd, this.buffer, 0, length, this.position);
    this.bufferStart = this.position;
  }
}
