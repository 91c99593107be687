import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Capture } from "../ports/Capture.js";
import type { Point } from "../geometry/Display.js";
import { toCapturePixel } from "../geometry/regionAround.js";
import type { RunRecord } from "../runs/RunStore.js";
import type { MacroTarget } from "./MacroSchema.js";

/**
 * Stores what a failed step saw: the screen (with the best guess marked) and the recorded crop
 * beside it, so the report shows what was looked for and what was there. Returns their paths.
 */
export async function failureScreenshots(
  record: RunRecord | undefined,
  step: number,
  capture: Capture,
  target: MacroTarget | undefined,
  guess: Point | undefined,
): Promise<string[]> {
  if (!record) return [];
  const mark = guess ? { point: toCapturePixel(guess, capture.display), label: "best match" } : undefined;
  const paths: string[] = [];
  const screen = await record.screenshot(step, capture, mark);
  if (screen) paths.push(screen);
  if (record.dir && target?.crop) {
    const name = `step-${String(step).padStart(3, "0")}-recorded-crop.png`;
    await writeFile(join(record.dir, name), Buffer.from(target.crop.png, "base64"));
    paths.push(name);
  }
  return paths;
}
