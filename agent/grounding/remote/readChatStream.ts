import { RemoteModelError } from "../errors/RemoteModelError.js";

/** What a chat-completions answer carried: the text and, where the server reports it, prompt tokens. */
export interface ChatAnswer {
  readonly text: string;
  readonly promptTokens?: number;
  readonly finishReason?: string;
}

interface Chunk {
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number } | null;
}

/** Reads a non-streamed chat-completions body. */
export async function readChatJson(res: Response, url: string): Promise<ChatAnswer> {
  const body = await res.text();
  let j: Chunk;
  try {
    j = JSON.parse(body) as Chunk;
  } catch {
    throw new RemoteModelError(
      "REMOTE_BAD_RESPONSE",
      `${url} did not answer with JSON: ${JSON.stringify(body.slice(0, 200))}; is it an OpenAI-compatible server?`,
    );
  }
  const content = j.choices?.[0]?.message?.content;
  if (typeof content !== "string")
    throw new RemoteModelError("REMOTE_BAD_RESPONSE", `${url} answered JSON without choices[0].message.content: ${JSON.stringify(body.slice(0, 200))}`);
  return { text: content, promptTokens: j.usage?.prompt_tokens, finishReason: j.choices?.[0]?.finish_reason ?? undefined };
}

/** Reads a streamed (server-sent events) chat-completions body, handing each piece of text on. */
export async function readChatStream(res: Response, url: string, onToken: (text: string) => void): Promise<ChatAnswer> {
  if (!res.body) throw new RemoteModelError("REMOTE_BAD_RESPONSE", `${url} sent no body`);
  const decoder = new TextDecoder();
  let buffer = "";
  let text = "";
  let promptTokens: number | undefined;
  let finishReason: string | undefined;
  const handle = (line: string): void => {
    if (!line.startsWith("data:")) return;
    const data = line.slice(5).trim();
    if (data === "" || data === "[DONE]") return;
    let chunk: Chunk;
    try {
      chunk = JSON.parse(data) as Chunk;
    } catch {
      throw new RemoteModelError("REMOTE_BAD_RESPONSE", `${url} streamed an event that is not JSON: ${JSON.stringify(data.slice(0, 200))}`);
    }
    const piece = chunk.choices?.[0]?.delta?.content;
    if (piece) {
      text += piece;
      onToken(piece);
    }
    finishReason = chunk.choices?.[0]?.finish_reason ?? finishReason;
    promptTokens = chunk.usage?.prompt_tokens ?? promptTokens;
  };
  for await (const bytes of res.body) {
    buffer += decoder.decode(bytes, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      handle(buffer.slice(0, nl).replace(/\r$/, ""));
      buffer = buffer.slice(nl + 1);
    }
  }
  handle(buffer.trim());
  return { text, promptTokens, finishReason };
}
