import { ModelDownloadError } from "./ModelDownloadError.js";
import { deadline } from "../platform/deadline.js";

/** What the hub says about one file before it is downloaded. */
export interface HubFileInfo {
  readonly url: string;
  readonly size: number;
  /** SHA-256 of the content when the hub publishes it (Hugging Face's X-Linked-Etag for LFS files). */
  readonly sha256: string | undefined;
}

/**
 * Asks the hub for a file's size and hash with one HEAD request (redirects followed), bounded by
 * `timeoutMs`, and turns the usual failures into clear errors before any download starts.
 * (The downloader itself retries a dead connection for minutes; this check fails in seconds.)
 */
export async function probeHubFile(url: string, options: { signal?: AbortSignal; timeoutMs?: number; token?: string } = {}): Promise<HubFileInfo> {
  const { signal } = deadline(options.timeoutMs ?? 15_000, ...(options.signal ? [options.signal] : []));
  const headers: Record<string, string> = { "Accept-Encoding": "identity" };
  if (options.token) headers["Authorization"] = `Bearer ${options.token}`;
  let first: Response;
  try {
    // Read the hub's own answer first: its X-Linked-* headers are on the redirect, not on the CDN's reply.
    first = await fetchRetryingReset(url, { method: "HEAD", redirect: "manual", headers, signal });
  } catch (error) {
    throw hubUnreachable(url, error, options.signal, signal);
  }
  const linkedSize = Number(first.headers.get("x-linked-size") ?? NaN);
  const linkedEtag = first.headers.get("x-linked-etag")?.replace(/^W\//, "").replaceAll('"', "");
  let final = first;
  if (first.status >= 300 && first.status < 400 && first.headers.get("location")) {
    final = await fetch(new URL(first.headers.get("location")!, url), { method: "HEAD", headers, signal });
  }
  if (final.status === 404) {
    throw new ModelDownloadError(
      "HUB_FILE_NOT_FOUND",
      `the hub has no file at ${url} (404); the catalog entry may be out of date: check the repository's file list, or download the files yourself and run \`deskpilot models use --model FILE --mmproj FILE\``,
    );
  }
  if (final.status === 401 || final.status === 403) {
    throw new ModelDownloadError(
      "HUB_ACCESS_DENIED",
      `the hub refused ${url} (${final.status}); the repository may need you to accept its license and set HF_TOKEN`,
    );
  }
  if (!final.ok) throw new ModelDownloadError("HUB_UNREACHABLE", `the hub answered ${final.status} ${final.statusText} for ${url}; try again later`);
  const size = Number.isFinite(linkedSize) ? linkedSize : Number(final.headers.get("content-length") ?? NaN);
  return { url, size: Number.isFinite(size) ? size : -1, sha256: linkedEtag && /^[0-9a-f]{64}$/.test(linkedEtag) ? linkedEtag : undefined };
}

// A kept-alive connection the server has just closed fails once; a fresh one then works.
async function fetchRetryingReset(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") throw error;
    return fetch(url, init);
  }
}

/** A request to the hub that got no answer, as the error a pull reports: cancelled by the user, or unreachable. */
export function hubUnreachable(url: string, error: unknown, userSignal: AbortSignal | undefined, requestSignal: AbortSignal): ModelDownloadError {
  if (userSignal?.aborted) return new ModelDownloadError("DOWNLOAD_CANCELLED", "the download was cancelled", { cause: error });
  const host = new URL(url).host;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = requestSignal.aborted ? "no answer in time" : (cause?.code ?? cause?.message ?? (error as Error).message);
  return new ModelDownloadError(
    "HUB_UNREACHABLE",
    `cannot reach the model hub at ${host} (${why}); check the network connection, or point HF_ENDPOINT (or the hubEndpoint setting) at a mirror you can reach`,
    { cause: error },
  );
}
