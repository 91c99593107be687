import type { Capture } from "../../ports/Capture.js";
import type { Display, Point } from "../../geometry/Display.js";
import { displayAt } from "../../geometry/Display.js";
import { MACRO_FORMAT, MACRO_LIMITS, MACRO_VERSION, MacroSchema, type Macro, type MacroCrop, type MacroStep } from "../MacroSchema.js";
import type { DraftStep } from "./compressEvents.js";
import type { WindowInfo } from "./windowAt.js";

/** Writes a target's description from the screen it was pressed on (the grounder, when a model is loaded). */
export type Describe = (capture: Capture, point: Point) => Promise<string>;

/** The picture taken around one pressed point: its crop, the display it lay on, and a description when one was written. */
export interface Shot {
  readonly crop: MacroCrop;
  /** The wider picture around the point (see CONTEXT_HALF). */
  readonly context?: MacroCrop;
  readonly display: Display;
  readonly description?: string;
  readonly window?: WindowInfo;
}

/**
 * The user's pause between two recorded steps (ms from the last event of one to the first of the
 * next), kept as the later step's `waitBeforeMs`: an application may need that time (a dialog
 * opening, a search finishing), which a replay that rushes on would not give it.
 */
function pauseBefore(previous: DraftStep | undefined, step: DraftStep): number {
  if (previous?.end === undefined || step.end === undefined) return 0;
  return Math.min(MACRO_LIMITS.waitMs, Math.max(0, Math.round(step.time - previous.end)));
}

/**
 * Turns draft steps into a macro: each pointer target gets the crop taken at its press, its
 * display and a description. The result is validated like any macro file.
 */
export async function buildMacro(
  name: string,
  drafts: readonly DraftStep[],
  shots: readonly (Shot | undefined)[],
  displays: readonly Display[],
): Promise<Macro> {
  const target = async (at: Point, index: number | undefined) => {
    const shot = index !== undefined ? shots[index] : undefined;
    const display = shot?.display ?? displayAt(displays, at);
    if (!display) throw new Error(`recorded point ${at.x},${at.y} is on no display`);
    return {
      point: { x: Math.round(at.x), y: Math.round(at.y) },
      display: { id: display.id, x: display.x, y: display.y, width: display.width, height: display.height, scaleFactor: display.scaleFactor },
      ...(shot?.window ? { window: shot.window } : {}),
      description: shot?.description ?? "",
      ...(shot ? { crop: shot.crop } : {}),
      ...(shot?.context ? { context: shot.context } : {}),
    };
  };
  const steps: MacroStep[] = [];
  for (const [i, d] of drafts.entries()) {
    const waitBeforeMs = pauseBefore(drafts[i - 1], d);
    switch (d.kind) {
      case "click":
        steps.push({ kind: "click", button: d.button, count: d.count, target: await target(d.at, d.shot), waitBeforeMs });
        break;
      case "drag":
        // The drop point's picture comes from the frame before the press: what lay under the drop then.
        steps.push({ kind: "drag", target: await target(d.at, d.shot), to: await target(d.to, d.toShot), waitBeforeMs });
        break;
      case "scroll":
        steps.push({ kind: "scroll", target: await target(d.at, d.shot), pixels: d.pixels, ...(d.axis ? { axis: d.axis } : {}), waitBeforeMs, verify: "none" });
        break;
      case "type":
        steps.push({ kind: "type", text: d.text, waitBeforeMs });
        break;
      case "key":
        steps.push({ kind: "key", keys: d.keys, waitBeforeMs });
        break;
    }
  }
  return MacroSchema.parse({ format: MACRO_FORMAT, version: MACRO_VERSION, name, createdAt: new Date().toISOString(), variables: {}, steps });
}
