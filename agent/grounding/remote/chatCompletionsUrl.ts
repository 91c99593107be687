import { UsageError } from "../../errors/UsageError.js";

/**
 * The chat-completions URL of an OpenAI-compatible server from what users type: the server
 * (`http://host:8080`), its API base (`…/v1`), or the full endpoint.
 */
export function chatCompletionsUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`--endpoint ${JSON.stringify(base)} is not a URL; give e.g. http://127.0.0.1:8080/v1`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--endpoint must be http(s), not ${url.protocol}`);
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/chat/completions")) url.pathname = path;
  else if (path.endsWith("/v1")) url.pathname = `${path}/chat/completions`;
  else url.pathname = `${path}/v1/chat/completions`;
  return url.toString();
}
