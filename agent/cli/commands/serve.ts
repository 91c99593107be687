import type { Command } from "commander";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CliContext } from "../CliContext.js";
import { createServedApp, createServeServer } from "./serveService.js";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { UsageError } from "../../errors/UsageError.js";
import { offerPanelUrl, printPanelUrl, userServeToken } from "./servePanelUrl.js";

const panelDir = fileURLToPath(new URL("../../../renderer/", import.meta.url));
const loopback = (host: string) => host === "localhost" || host === "::1" || /^127\./.test(host);

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description("Serve the control panel and the service to a browser (token-protected; loopback by default)")
    .option("--port <port>", "TCP port (0 picks a free one)", (v) => Number.parseInt(v, 10), 7457)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--open", "open the panel in the default browser once it listens")
    .option("--print-url", "print the panel's URL (your saved token, --port and --host) and exit")
    .option("--new-token", "replace your saved token: earlier URLs, bookmarks and browser sessions stop working")
    .action(async (opts: { port: number; host: string; open?: boolean; printUrl?: boolean; newToken?: boolean }) => {
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new UsageError("--port must be 0…65535.");
      if (opts.printUrl) {
        if (opts.port === 0) throw new UsageError("--print-url needs the port the panel listens on, not 0");
        return printPanelUrl(ctx, opts.host, opts.port, opts.newToken === true);
      }
      if (!existsSync(`${panelDir}index.html`)) {
        throw new DeskPilotError("PANEL_NOT_BUILT", `The control panel is not built (${panelDir}); run \`npm run build:renderer\` first.`);
      }
      if (!loopback(opts.host)) {
        ctx.err.write(
          `deskpilot: listening on ${opts.host}: other devices on your network can reach this server. ` +
            "They still need the token below, and the connection is not encrypted.\n",
        );
      }
      const app = createServedApp();
      const { service } = app;
      for (const g of app.guidance.filter((x) => x.severity === "blocking")) ctx.err.write(`deskpilot: ${g.title}. ${g.steps}\n`);
      const { token } = await userServeToken(ctx, opts.newToken === true);
      const server = createServeServer(app, {
        panelDir,
        host: opts.host,
        port: opts.port,
        token,
        rememberToken: true,
        log: (m) => ctx.err.write(`deskpilot: ${m}\n`),
      });
      const url = await server.listen();
      ctx.out.write(`DeskPilot control panel: ${url}\n`);
      const stopOffering = await offerPanelUrl(ctx, url, opts.open === true);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      stopOffering();
      await server.close();
      await service.dispose();
    });
}
