import { GenerationAbortedError } from "../../vision/errors/GenerationAbortedError.js";
import { deadline } from "../../platform/deadline.js";
import { RemoteModelError } from "../errors/RemoteModelError.js";

export interface RetryPolicy {
  /** Whole-request limit per try, ms. */
  readonly timeoutMs: number;
  /** Further tries after a refused connection, a 5xx or a 429. */
  readonly retries: number;
  /** First backoff, doubled after each try, ms. */
  readonly backoffMs: number;
}

/**
 * POSTs JSON, retrying with backoff what a retry can fix (connection refused, 5xx, 429), and
 * turning the rest into RemoteModelErrors whose messages say what to change.
 */
export async function postWithRetry(url: string, body: unknown, headers: Record<string, string>, policy: RetryPolicy, signal?: AbortSignal): Promise<Response> {
  const payload = JSON.stringify(body);
  let last: RemoteModelError | undefined;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) await sleep(policy.backoffMs * 2 ** (attempt - 1), signal);
    const limit = deadline(policy.timeoutMs, ...(signal ? [signal] : []));
    let res: Response;
    try {
      res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload, signal: limit.signal });
    } catch (error) {
      limit.clear();
      if (signal?.aborted) throw new GenerationAbortedError("the request was cancelled", { cause: signal.reason });
      if (limit.signal.aborted)
        throw new RemoteModelError(
          "REMOTE_TIMEOUT",
          `${url} gave no answer within ${policy.timeoutMs / 1000} s; raise --timeout, or check that the server is not stuck`,
          undefined,
          { cause: error },
        );
      const why = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      last = new RemoteModelError(
        "REMOTE_UNREACHABLE",
        `cannot connect to ${url} (${why}) after ${attempt + 1} tries; is the server running and the --endpoint right?`,
        undefined,
        { cause: error },
      );
      continue;
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => "");
    const err = httpError(url, res.status, res.statusText, text, attempt + 1);
    if (res.status < 500 && res.status !== 429) throw err;
    last = err;
  }
  throw last!;
}

function httpError(url: string, status: number, statusText: string, body: string, tries: number): RemoteModelError {
  const detail = serverMessage(body);
  const head = `${url} answered ${status} ${statusText}${detail ? `: ${detail}` : ""}`;
  if (status === 401 || status === 403)
    return new RemoteModelError("REMOTE_HTTP", `${head}. Pass the server's key with --api-key (or DESKPILOT_API_KEY).`, status);
  if (status === 404)
    return new RemoteModelError(
      "REMOTE_HTTP",
      `${head}. No chat-completions endpoint there: give the server's base URL, with or without /v1 (e.g. http://127.0.0.1:8080/v1).`,
      status,
    );
  if (status >= 500 || status === 429) return new RemoteModelError("REMOTE_HTTP", `${head} (after ${tries} tries). The server failed; check its log.`, status);
  return new RemoteModelError(
    "REMOTE_HTTP",
    `${head}. Check --remote-model, and that the server was started with image input (llama-server --mmproj).`,
    status,
  );
}

/** The error text an OpenAI-style body carries, or a clipped body. */
function serverMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const m = typeof j.error === "string" ? j.error : (j.error?.message ?? j.message);
    if (m) return m;
  } catch {
    // not JSON
  }
  const t = body.trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new GenerationAbortedError("the request was cancelled", { cause: signal.reason }));
      },
      { once: true },
    );
  });
}
