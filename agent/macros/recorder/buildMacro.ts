import type { Capture } from "../../capture/Capture.js";
import type { Point } from "../../capture/Display.js";
import { displayAt } from "../../capture/Display.js";
import { MACRO_FORMAT, MACRO_VERSION, MacroSchema, type Macro, type MacroStep } from "../MacroSchema.js";
import type { DraftStep } from "./compressEvents.js";
import { cropTarget } from "./cropTarget.js";

/** Writes a target's description from its crop (the grounder, when a model is loaded). */
export type Describe = (capture: Capture, point: Point) => Promise<string>;

/**
 * Turns draft steps into a macro: each pointer target gets the crop of the frame grabbed at its
 * press, its display and a description. The result is validated like any macro file.
 */
export async function buildMacro(name: string, drafts: readonly DraftStep[], frames: readonly Capture[], describe?: Describe): Promise<Macro> {
  const target = async (at: Point, frameIndex: number | undefined) => {
    const frame = frameIndex !== undefined ? frames[frameIndex] : undefined;
    const display = frame?.display ?? displayAt(frames.map((f) => f.display), at);
    if (!display) throw new Error(`recorded point ${at.x},${at.y} is on no captured display`);
    return {
      point: { x: Math.round(at.x), y: Math.round(at.y) },
      display: { id: display.id, x: display.x, y: display.y, width: display.width, height: display.height, scaleFactor: display.scaleFactor },
      description: frame && describe ? await describe(frame, at) : "",
      ...(frame ? { crop: await cropTarget(frame, at) } : {}),
    };
  };
  const steps: MacroStep[] = [];
  for (const d of drafts) {
    switch (d.kind) {
      case "click":
        steps.push({ kind: "click", button: d.button, count: d.count, target: await target(d.at, d.frame), waitBeforeMs: 0 });
        break;
      case "drag":
        // The drop point's picture is the frame at the press: what lay under the drop then.
        steps.push({ kind: "drag", target: await target(d.at, d.frame), to: await target(d.to, d.frame), waitBeforeMs: 0 });
        break;
      case "scroll":
        steps.push({ kind: "scroll", target: await target(d.at, d.frame), pixels: d.pixels, waitBeforeMs: 0, verify: "none" });
        break;
      case "type":
        steps.push({ kind: "type", text: d.text, waitBeforeMs: 0 });
        break;
      case "key":
        steps.push({ kind: "key", keys: d.keys, waitBeforeMs: 0 });
        break;
    }
  }
  return MacroSchema.parse({ format: MACRO_FORMAT, version: MACRO_VERSION, name, createdAt: new Date().toISOString(), variables: {}, steps });
}
