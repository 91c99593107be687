import { createServer, type Server } from "node:http";
import { staticFile } from "../../../agent/server/staticFile.js";

/**
 * Serves a built folder on a loopback port, with the same file lookup as `deskpilot serve`
 * (minus its token). Over http rather than file:// because Chromium refuses module scripts
 * from file:// pages (Electron allows them).
 */
export async function serveDirectory(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    staticFile(root, new URL(req.url ?? "/", "http://x").pathname).then(
      (file) => (file ? res.writeHead(200, { "content-type": file.type }).end(file.body) : res.writeHead(404).end()),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
