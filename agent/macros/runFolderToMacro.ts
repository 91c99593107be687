import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Display } from "../geometry/Display.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { readRunLog } from "../runs/readRunLog.js";
import { describeRunStep } from "./describeRunStep.js";
import type { Macro } from "./MacroSchema.js";
import type { Describe } from "./recorder/buildMacro.js";
import { runToMacro, type RunStepSource } from "./runToMacro.js";
import { targetImageCapture } from "../runs/targetImage.js";

export interface RunFolderOptions {
  /** Names each target with the vision model; without it, descriptions come from what the run recorded. */
  readonly describe?: Describe;
}

/**
 * Turns a finished agent run's folder into a macro: only a run that ended with success, only its
 * executed steps, each pointer target cropped from the unannotated image the run kept of it.
 * The macro is named `name`, or after the run's task.
 */
export async function runFolderToMacro(dir: string, name: string | undefined, options: RunFolderOptions = {}): Promise<Macro> {
  const log = readRunLog(dir);
  const id = log.start?.runId ?? dir;
  if (!log.start) throw new DeskPilotError("NOT_A_RUN", `${dir} has no run-start line; pass the folder of an agent run.`);
  if (log.start.task.startsWith("macro: ") && "macro" in log.start.settings) {
    throw new DeskPilotError(
      "RUN_IS_MACRO",
      `run ${id} is a replay of the macro "${String(log.start.settings["macro"])}"; that macro is already a file in the library.`,
    );
  }
  if (!log.end)
    throw new DeskPilotError(
      "RUN_NOT_SUCCESSFUL",
      `run ${id} has not finished (still running, or it crashed); only a run that ended with success can be saved as a macro.`,
    );
  if (log.end.status !== "success") {
    throw new DeskPilotError(
      "RUN_NOT_SUCCESSFUL",
      `run ${id} ended with ${log.end.status} (${log.end.reason}); only a run that ended with success can be saved as a macro. Run the task again and save the run that succeeds.`,
    );
  }
  const task = log.start.task;
  const displays = new Map<string, Display>([[log.start.display.id, log.start.display]]);
  const sources: RunStepSource[] = [];
  for (const entry of log.steps) {
    if (entry.outcome !== "done" || !entry.screenAction) continue;
    const image = entry.targetImage;
    if (!entry.point || !image) {
      if (entry.point) {
        throw new DeskPilotError(
          "RUN_NO_TARGET_IMAGES",
          `step ${entry.step} of run ${id} has no target image (the run was recorded by an older DeskPilot, or without a run folder); run the task again to save it as a macro.`,
        );
      }
      sources.push({ entry });
      continue;
    }
    let png: Buffer;
    try {
      png = await readFile(join(dir, image.file));
    } catch (error) {
      throw new DeskPilotError(
        "RUN_NO_TARGET_IMAGES",
        `step ${entry.step} of run ${id}: its target image ${image.file} cannot be read (${(error as Error).message}); was the run folder changed?`,
        { cause: error },
      );
    }
    const capture = await targetImageCapture(png, image);
    displays.set(image.display.id, image.display);
    const described = options.describe ? await options.describe(capture, entry.point).catch(() => "") : "";
    sources.push({ entry, capture, display: image.display, description: described || describeRunStep(entry) });
  }
  const macro = await runToMacro(name ?? task.slice(0, 200), sources, [...displays.values()]);
  if (macro.steps.length === 0)
    throw new DeskPilotError("RUN_NOTHING_TO_SAVE", `run ${id} did nothing a macro could replay (no executed click, drag, scroll, typing or key).`);
  return macro;
}
