import type { Capture } from "../ports/Capture.js";
import type { Display, Point } from "../geometry/Display.js";
import type { StepEntry } from "../runs/RunLogEntry.js";
import type { Macro } from "./MacroSchema.js";
import { buildMacro, type Shot } from "./recorder/buildMacro.js";
import type { DraftStep } from "./recorder/compressEvents.js";
import { CONTEXT_HALF, cropTarget } from "./recorder/cropTarget.js";

/** One finished step of an agent run, with the screen it acted on (unannotated) and what the model said it acted on. */
export interface RunStepSource {
  readonly entry: StepEntry;
  /** The screen before the action, without overlays (all of it, or the area around the point); gives the target its crop. */
  readonly capture?: Capture;
  /** The display the point lay on, when `capture` shows only part of it. */
  readonly display?: Display;
  /** The element, in words (the model's label), for the grounding fallback. */
  readonly description?: string;
}

/**
 * Saves a successful agent run as a macro: each executed step becomes a macro step, with a
 * crop of its target and a description, so the task replays fast and without the model.
 * Moves only position a following drag; refused, failed and dry-run steps are left out.
 */
export async function runToMacro(name: string, steps: readonly RunStepSource[], displays: readonly Display[]): Promise<Macro> {
  const drafts: DraftStep[] = [];
  const shots: Promise<Shot | undefined>[] = [];
  const shoot = (source: RunStepSource, p: Point): number | undefined => {
    if (!source.capture) return undefined;
    const capture = source.capture;
    shots.push(
      Promise.all([cropTarget(capture, p), cropTarget(capture, p, CONTEXT_HALF)]).then(([crop, context]) => ({
        crop,
        context,
        display: source.display ?? capture.display,
        ...(source.description ? { description: source.description } : {}),
      })),
    );
    return shots.length - 1;
  };
  let pointer: { at: Point; source: RunStepSource } | undefined;
  for (const source of steps) {
    const { entry } = source;
    const a = entry.screenAction;
    if (entry.outcome !== "done" || !a) continue;
    const at = "coordinate" in a && a.coordinate ? { x: a.coordinate[0], y: a.coordinate[1] } : entry.point;
    const time = Date.parse(entry.at) || 0;
    const withShot = (p: Point) => {
      const shot = shoot(source, p);
      return shot !== undefined ? { shot } : {};
    };
    switch (a.action) {
      case "mouse_move":
        if (at) pointer = { at, source };
        continue;
      case "left_click":
      case "right_click":
      case "middle_click":
      case "double_click":
        if (!at) continue;
        drafts.push({
          kind: "click",
          button: a.action === "right_click" ? "right" : a.action === "middle_click" ? "middle" : "left",
          count: a.action === "double_click" ? 2 : a.action === "left_click" && a.clicks === 3 ? 3 : 1,
          at,
          ...withShot(at),
          time,
        });
        break;
      case "left_click_drag": {
        if (a.start_coordinate) pointer = { at: { x: a.start_coordinate[0], y: a.start_coordinate[1] }, source };
        if (!at || !pointer) continue;
        const fromShot = shoot(pointer.source, pointer.at);
        const toShot = shoot(source, at);
        drafts.push({
          kind: "drag",
          at: pointer.at,
          to: at,
          ...(fromShot !== undefined ? { shot: fromShot } : {}),
          ...(toShot !== undefined ? { toShot } : {}),
          time,
        });
        break;
      }
      case "scroll":
        if (!at || a.pixels === 0) continue;
        drafts.push({ kind: "scroll", at, pixels: a.pixels, ...(a.axis ? { axis: a.axis } : {}), ...withShot(at), time });
        break;
      case "type":
        drafts.push({ kind: "type", text: a.text, time });
        break;
      case "key":
        drafts.push({ kind: "key", keys: [...a.keys], time });
        break;
      case "wait":
      case "terminate":
        break;
    }
    pointer = at ? { at, source } : pointer;
  }
  return buildMacro(name, drafts, await Promise.all(shots), displays);
}
