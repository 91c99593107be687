import { appendFileSync, mkdirSync, openSync, closeSync, fsyncSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Capture } from "../ports/Capture.js";
import { encodePng } from "../capture/encodePng.js";
import { annotateImage } from "../grounding/annotateImage.js";
import { encodeTargetImage } from "./targetImage.js";
import type { RunLogEntry } from "./RunLogEntry.js";
import type { RunRecord, RunStore, ScreenshotMark } from "./RunStore.js";

export const RUN_LOG = "run.jsonl";

/**
 * Runs on disk: `<root>/<runId>/run.jsonl` plus `step-NNN.png` (annotated) and, for acted
 * steps with a point, `step-NNN-target.png` (the unannotated screen around it). Each log line is appended
 * synchronously in one write, so a crash or kill leaves every finished line whole.
 */
export class FileRunStore implements RunStore {
  constructor(readonly root: string) {}

  async open(runId: string): Promise<RunRecord> {
    const dir = join(this.root, runId);
    mkdirSync(dir, { recursive: true });
    const log = join(dir, RUN_LOG);
    closeSync(openSync(log, "a"));
    return {
      dir,
      append: async (entry: RunLogEntry) => appendFileSync(log, `${JSON.stringify(entry)}\n`),
      screenshot: async (step: number, capture: Capture, mark?: ScreenshotMark) => {
        const name = `step-${String(step).padStart(3, "0")}.png`;
        const png = mark?.point
          ? await annotateImage({ data: capture.data, width: capture.width, height: capture.height, channels: 4 }, { point: mark.point, label: mark.label })
          : await encodePng(capture);
        await writeFile(join(dir, name), png);
        return name;
      },
      // Written before the step's log line, which is the only thing that points at it: a line never names a torn file.
      targetImage: async (step, capture, point) => {
        const file = `step-${String(step).padStart(3, "0")}-target.png`;
        const { png, rect } = await encodeTargetImage(capture, point);
        await writeFile(join(dir, file), png);
        return { file, display: capture.display, rect };
      },
      close: async () => {
        const fd = openSync(log, "r");
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      },
    };
  }
}
