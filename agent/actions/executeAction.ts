import type { ComputerAction } from "./ComputerAction.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { Display, Point } from "../geometry/Display.js";
import { describeDisplays, displayAt } from "../geometry/Display.js";
import { OffScreenError } from "../geometry/OffScreenError.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";
import { keyEnumName, splitChord } from "./keyNames.js";

/** How far one wheel notch scrolls, to turn the schema's `pixels` into notches. */
export const PIXELS_PER_NOTCH = 100;

export interface ActionOutcome {
  readonly action: ComputerAction;
  /** The display the action's point lies on, when it has one. */
  readonly display?: Display;
  /** The point acted at, in global logical pixels (the pointer position for point-less clicks). */
  readonly point?: Point;
  readonly dryRun: boolean;
  /** For `terminate`: the status the action reported. */
  readonly status?: "success" | "failure";
}

export interface ExecuteOptions {
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Validates an action against the current displays and runs it. Everything is checked
 * before the first input event: an off-screen point or an unknown key sends nothing.
 */
export async function executeAction(
  action: ComputerAction,
  input: InputDriver,
  displays: readonly Display[],
  options: ExecuteOptions = {},
): Promise<ActionOutcome> {
  const dryRun = options.dryRun ?? false;
  const onScreen = (p: Point): Display => {
    const d = displayAt(displays, p);
    if (!d) throw new OffScreenError(p, describeDisplays(displays));
    return d;
  };
  const target = async (coordinate?: readonly [number, number]): Promise<Point> =>
    coordinate ? { x: coordinate[0], y: coordinate[1] } : await input.position();

  let point: Point | undefined;
  switch (action.action) {
    case "key":
      for (const k of splitChord(action.keys)) {
        if (keyEnumName(k) === undefined) throw new InvalidActionError(`unknown key "${k}"`);
      }
      break;
    case "type":
    case "wait":
    case "terminate":
      break;
    case "left_click_drag":
      onScreen(action.start_coordinate ? { x: action.start_coordinate[0], y: action.start_coordinate[1] } : await input.position());
      point = await target(action.coordinate);
      break;
    case "scroll":
    case "left_click":
    case "right_click":
    case "middle_click":
    case "double_click":
    case "mouse_move":
      point = await target(action.coordinate);
      break;
  }
  const display = point ? onScreen(point) : undefined;
  const outcome: ActionOutcome = {
    action,
    dryRun,
    ...(display && point ? { display, point } : {}),
    ...(action.action === "terminate" ? { status: action.status } : {}),
  };
  if (dryRun) return outcome;
  options.signal?.throwIfAborted();

  switch (action.action) {
    case "key":
      await input.keys(action.keys);
      break;
    case "type":
      await input.type(action.text);
      break;
    case "mouse_move":
      await input.move(point!);
      break;
    case "left_click":
      await input.click(point!, "left", action.clicks ?? 1);
      break;
    case "right_click":
      await input.click(point!, "right", 1);
      break;
    case "middle_click":
      await input.click(point!, "middle", 1);
      break;
    case "double_click":
      await input.click(point!, "left", 2);
      break;
    case "left_click_drag":
      await input.drag(action.start_coordinate ? { x: action.start_coordinate[0], y: action.start_coordinate[1] } : await input.position(), point!);
      break;
    case "scroll": {
      const notches = Math.sign(action.pixels) * Math.max(1, Math.round(Math.abs(action.pixels) / PIXELS_PER_NOTCH));
      if (action.pixels !== 0) await (action.axis === "horizontal" ? input.scroll(point!, 0, notches) : input.scroll(point!, notches));
      break;
    }
    case "wait":
      await (options.sleep ?? defaultSleep)(action.time * 1000, options.signal);
      break;
    case "terminate":
      break;
  }
  return outcome;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
