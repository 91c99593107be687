import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { parseAction } from "../../actions/parseAction.js";
import { executeAction } from "../../actions/executeAction.js";
import { createInputDriver } from "../../actions/createInputDriver.js";
import { desktopDisplays } from "../../capture/desktopDisplays.js";
import { displaySession } from "../../platform/displaySession.js";

export function registerAct(program: Command, ctx: CliContext): void {
  program
    .command("act")
    .description("Run one computer_use action; coordinates are global screen logical pixels")
    .argument("<action>", 'action JSON, e.g. \'{"action":"left_click","coordinate":[640,400]}\'')
    .option("--dry-run", "validate and show what would happen, send no input")
    .option("--json", "print one JSON document on stdout")
    .action(async (json: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const action = parseAction(json);
      const session = displaySession();
      const displays = await desktopDisplays(session, process.env, { acting: opts.dryRun !== true });
      const outcome = await executeAction(action, createInputDriver(session), displays, { dryRun: opts.dryRun ?? false });
      const result = {
        ok: true,
        action: outcome.action,
        dryRun: outcome.dryRun,
        point: outcome.point ?? null,
        display: outcome.display ? { id: outcome.display.id, name: outcome.display.name } : null,
        ...(outcome.status ? { status: outcome.status } : {}),
      };
      if (opts.json) printJson(ctx, result);
      else {
        const where = outcome.point ? ` at (${outcome.point.x}, ${outcome.point.y}) on display ${outcome.display?.id}` : "";
        ctx.out.write(`${outcome.dryRun ? "would run" : "ran"} ${action.action}${where}\n`);
      }
    });
}
