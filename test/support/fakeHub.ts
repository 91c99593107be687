import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the hub saw. */
export interface HubRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
}

interface HubFile {
  readonly bytes: Buffer;
  readonly sha256: string;
  /** What /cdn serves instead of `bytes` (a corrupt mirror); the hub still advertises `bytes`'s hash and size. */
  served?: Buffer;
}

/**
 * A model hub on 127.0.0.1 that answers like Hugging Face: `/<repo>/resolve/main/<path>` redirects
 * (302) to a content address carrying X-Linked-Size and X-Linked-Etag (the SHA-256), and the
 * content address serves bytes with Accept-Ranges, Range (206) and an ETag; `/api/models/<repo>/tree/main`
 * lists a repository's files with their sizes and LFS hashes. It sends 64 KiB at a
 * time so progress is observable, and can stall after a number of bytes to cut a download short.
 */
export class FakeHub {
  readonly requests: HubRequest[] = [];
  /** Body bytes written to clients since the last reset (a download aborted after its headers adds little). */
  bodyBytes = 0;
  private readonly files = new Map<string, HubFile>();
  private stallAfter = Infinity;
  private bytesPerSecond = Infinity;
  /** Whether `/api/models/<repo>/tree/main` answers (a plain mirror has no such API). */
  listing = true;
  /** Whether the redirect carries X-Linked-Etag (the SHA-256); a mirror may publish no hash at all. */
  linkedEtag = true;
  /** Repositories that need an accepted licence: the listing answers 401 GatedRepo. */
  readonly gated = new Set<string>();
  private sent = 0;
  private readonly stalled = new Set<() => void>();
  private readonly server = createServer((req, res) => this.handle(req, res));

  /** Starts listening on an ephemeral loopback port. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Publishes `bytes` as `<repo>/<path>`. */
  add(repo: string, path: string, bytes: Buffer): void {
    this.files.set(`${repo}/${path}`, { bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
  }

  /** Serves different content for a file than the hub advertises. */
  corrupt(repo: string, path: string, served: Buffer): void {
    this.files.get(`${repo}/${path}`)!.served = served;
  }

  /** From now on, hold every ranged response once `bytes` more ranged body bytes have been sent in total. */
  stallAfterBytes(bytes: number): void {
    this.sent = 0;
    this.stallAfter = bytes;
  }

  /** Sends each response body at most this fast (Infinity: as fast as the socket takes it), so a client sees a download in progress. */
  throttle(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Lets stalled responses carry on (or, with `drop`, cuts them). */
  release(drop = false): void {
    this.stallAfter = Infinity;
    for (const resume of this.stalled) resume();
    this.stalled.clear();
    if (drop) this.server.closeAllConnections();
  }

  async close(): Promise<void> {
    this.release(true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push({ method: req.method ?? "GET", path: url.pathname, range: req.headers.range });
    const tree = /^\/api\/models\/(.+?\/.+?)\/tree\/main$/.exec(url.pathname);
    if (tree) return this.list(res, decodeURIComponent(tree[1]!));
    const resolveMatch = /^\/(.+?\/.+?)\/resolve\/main\/(.+)$/.exec(url.pathname);
    if (resolveMatch) {
      const file = this.files.get(`${resolveMatch[1]}/${decodeURIComponent(resolveMatch[2]!)}`);
      if (!file) return void res.writeHead(404, { "x-error-code": "EntryNotFound" }).end("Entry not found");
      res.writeHead(302, {
        location: `/cdn/${file.sha256}`,
        "x-linked-size": String(file.bytes.length),
        ...(this.linkedEtag ? { "x-linked-etag": `"${file.sha256}"` } : {}),
        etag: `"${file.sha256.slice(0, 40)}"`,
      });
      return void res.end();
    }
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(url.pathname);
    const file = cdn ? [...this.files.values()].find((f) => f.sha256 === cdn[1]) : undefined;
    if (!file) return void res.writeHead(404).end("not found");
    const body = file.served ?? file.bytes;
    let start = 0;
    let end = body.length - 1;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), end) : end;
    }
    const headers = {
      "accept-ranges": "bytes",
      etag: `"${file.sha256}"`,
      "content-length": String(end - start + 1),
      "content-type": "application/octet-stream",
    };
    if (range) res.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${body.length}` });
    else res.writeHead(200, headers);
    if (req.method === "HEAD") return void res.end();
    void this.stream(res, body.subarray(start, end + 1), range !== null);
  }

  // Hugging Face's file listing: LFS files carry their SHA-256 and size under `lfs`; small files do not.
  private list(res: ServerResponse, repo: string): void {
    const files = [...this.files.entries()].filter(([key]) => key.startsWith(`${repo}/`));
    // A plain mirror has no such API: a bare 404. Hugging Face names a missing repository in a header and the body.
    if (!this.listing) return void res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    if (this.gated.has(repo))
      return void res.writeHead(401, { "content-type": "application/json", "x-error-code": "GatedRepo" }).end('{"error":"Access to this model is restricted"}');
    if (files.length === 0)
      return void res.writeHead(404, { "content-type": "application/json", "x-error-code": "RepoNotFound" }).end('{"error":"Repository not found"}');
    const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
    const body = [
      { type: "file", oid: sha1(".gitattributes"), size: 1570, path: ".gitattributes" },
      { type: "file", oid: sha1("README.md"), size: 412, path: "README.md" },
      ...files.map(([key, f]) => {
        const path = key.slice(repo.length + 1);
        return { type: "file", oid: sha1(path), size: f.bytes.length, path, lfs: { oid: f.sha256, size: f.bytes.length, pointerSize: 135 } };
      }),
    ];
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  // Only ranged bodies count towards a stall: downloaders probe with a plain GET they drop after the headers.
  private async stream(res: ServerResponse, body: Buffer, ranged: boolean): Promise<void> {
    for (let at = 0; at < body.length && !res.destroyed; at += 64 << 10) {
      if (ranged && this.sent >= this.stallAfter) await new Promise<void>((resume) => this.stalled.add(resume));
      const chunk = body.subarray(at, at + (64 << 10));
      if (ranged) this.sent += chunk.length;
      this.bodyBytes += chunk.length;
      if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
      if (Number.isFinite(this.bytesPerSecond)) await new Promise((r) => setTimeout(r, (chunk.length * 1000) / this.bytesPerSecond));
      else await new Promise((r) => setImmediate(r));
    }
    res.end();
  }
}
