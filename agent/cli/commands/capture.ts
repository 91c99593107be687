import type { Command } from "commander";
import { dirname, resolve } from "node:path";
import { stat, writeFile } from "node:fs/promises";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { createScreenSource, defaultScreenSource, screenSources } from "../../capture/screenSources.js";
import { encodePng } from "../../capture/encodePng.js";
import { describeDisplays } from "../../geometry/Display.js";
import { UsageError } from "../../errors/UsageError.js";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { displaySession } from "../../platform/displaySession.js";

export function registerCapture(program: Command, ctx: CliContext): void {
  program
    .command("capture")
    .description("Capture a display at native resolution to a PNG")
    .option("--display <id>", "display id or name (default: the primary display)")
    .option("--out <file>", "PNG file to write")
    .option("--source <name>", `screen source: ${Object.keys(screenSources).join(", ")}`, defaultScreenSource)
    .option("--list", "list the displays instead of capturing")
    .option("--json", "print one JSON document on stdout")
    .action(async (opts: { display?: string; out?: string; source: string; list?: boolean; json?: boolean }) => {
      if (!opts.list && !opts.out) throw new UsageError("capture needs --out FILE.png (or --list to list displays).");
      const file = opts.out ? resolve(opts.out) : "";
      if (!opts.list) await requireFolder(file);
      const source = createScreenSource(opts.source);
      if (opts.list) {
        const displays = await source.listDisplays();
        const session = displaySession();
        if (opts.json) printJson(ctx, { displays, session });
        else ctx.out.write(`${describeDisplays(displays).split("; ").join("\n")}\nsession: ${session.summary}\n`);
        return;
      }
      const capture = await source.capture(opts.display);
      await writeFile(file, await encodePng(capture)).catch((error: NodeJS.ErrnoException) => {
        throw new DeskPilotError("CAPTURE_NOT_WRITTEN", `cannot write ${file}: ${error.code ?? error.message}; choose a file in a folder you can write to`);
      });
      const { id, x, y, width, height, scaleFactor } = capture.display;
      const result = {
        display: { id, x, y, width, height, scaleFactor },
        width: capture.width,
        height: capture.height,
        ms: Math.round(capture.ms * 10) / 10,
        source: capture.source,
        file,
      };
      if (opts.json) printJson(ctx, result);
      else ctx.out.write(`${file}: ${capture.width}x${capture.height} from display ${id} in ${result.ms} ms (${capture.source})\n`);
    });
}

// Checked before capturing, so a mistyped --out costs no capture and reads as one line.
async function requireFolder(file: string): Promise<void> {
  const folder = dirname(file);
  const found = await stat(folder).catch(() => undefined);
  if (!found) throw new UsageError(`--out ${file}: the folder ${folder} does not exist; create it (mkdir -p ${folder}) or choose another path`);
  if (!found.isDirectory()) throw new UsageError(`--out ${file}: ${folder} is not a folder; choose another path`);
}
