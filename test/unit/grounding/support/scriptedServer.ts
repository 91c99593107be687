import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** A scripted reply; "hang" never answers (for timeouts). */
export type Reply = { status: number; body: string; contentType?: string } | { sse: string[] } | "hang";

export interface ScriptedServer {
  readonly base: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering each request with `script(request, index)`. */
export async function startScriptedServer(script: (req: RecordedRequest, index: number) => Reply): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(rec);
      const reply = script(rec, requests.length - 1);
      if (reply === "hang") return void hanging.push(res);
      if ("sse" in reply) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (const e of reply.sse) res.write(`data: ${e}\n\n`);
        return void res.end("data: [DONE]\n\n");
      }
      res.writeHead(reply.status, { "content-type": reply.contentType ?? "application/json" });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      hanging.forEach((r) => r.destroy());
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether a recorded chat request carries an image (a server counts the text alone for one that does not). */
export function hasImage(req: RecordedRequest): boolean {
  return req.body.includes('"image_url"');
}

/** A chat-completions JSON body answering `content`. */
export function chatReply(content: string, promptTokens?: number): Reply {
  return {
    status: 200,
    body: JSON.stringify({
      choices: [{ message: { role: "assistant", content }, finish_reason: "stop" }],
      ...(promptTokens ? { usage: { prompt_tokens: promptTokens } } : {}),
    }),
  };
}
