import { connect } from "node:net";
import { createInterface } from "node:readline";
import type { CliContext } from "../CliContext.js";
import { openBrowser } from "../openBrowser.js";
import { loadServeToken, type ServeToken } from "../../server/serveToken.js";
import { panelUrl } from "../../server/ControlServer.js";
import { userDirs } from "../../platform/userDirs.js";

/** The user's serve token (made on first use), saying so when it was just made or replaced. */
export async function userServeToken(ctx: CliContext, rotate: boolean): Promise<ServeToken> {
  const token = await loadServeToken(userDirs().config, { rotate });
  if (token.state === "rotated")
    ctx.err.write(`deskpilot: made a new token (${token.path}): earlier URLs, bookmarks and browser sessions of the panel no longer open it\n`);
  if (token.state === "created")
    ctx.err.write(
      `deskpilot: made your panel token (${token.path}, readable by you only); the URL below keeps working across restarts (rotate it with \`deskpilot serve --new-token\`)\n`,
    );
  return token;
}

/** `deskpilot serve --print-url`: the panel's URL for this host and port, and whether a server answers there now. */
export async function printPanelUrl(ctx: CliContext, host: string, port: number, rotate: boolean): Promise<void> {
  const { token } = await userServeToken(ctx, rotate);
  ctx.out.write(`${panelUrl(host, port, token)}\n`);
  if (rotate) ctx.err.write("deskpilot: a `deskpilot serve` already running keeps the old token until it restarts\n");
  else if (!(await answers(host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host, port))) {
    ctx.err.write(
      `deskpilot: nothing answers on ${host}:${port} now; start the panel with \`npm start\` or \`deskpilot serve${port === 7457 ? "" : ` --port ${port}`}\`\n`,
    );
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

/**
 * After the server listens: opens the panel when asked (or says why it could not), and on a
 * terminal prints the URL again each time Enter is pressed. Returns a function that stops listening.
 */
export async function offerPanelUrl(
  ctx: CliContext,
  url: string,
  open: boolean,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  opener = openBrowser,
): Promise<() => void> {
  if (open) {
    const why = await opener(url);
    ctx.err.write(
      why ? `deskpilot: could not open a browser: ${why}; open the URL above in a browser on this machine\n` : "deskpilot: opened the panel in your browser\n",
    );
  }
  if (!input.isTTY) return () => undefined;
  ctx.err.write("deskpilot: press Enter to print the URL again, Ctrl+C to stop\n");
  const lines = createInterface({ input, terminal: false });
  lines.on("line", () => ctx.out.write(`DeskPilot control panel: ${url}\n`));
  return () => lines.close();
}
