import { Writable } from "node:stream";

/** A writable stream that keeps what was written, to stand in for stdout or stderr. */
export class MemoryStream extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
    done();
  }

  get text(): string {
    return this.chunks.join("");
  }
}
