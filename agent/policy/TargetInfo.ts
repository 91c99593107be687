import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Capture } from "../ports/Capture.js";
import type { Point } from "../geometry/Display.js";

/** What is known about the element an action lands on (a click's point, or the focused field for typing and keys). */
export interface TargetInfo {
  /** Visible text or name of the element, e.g. "Send" or "Password". */
  readonly label?: string;
  /** The kind of element; "password" for masked fields, "text" for other editable fields. */
  readonly role?: "password" | "text" | "button" | "link" | "other";
  /** The application the point lies in (window class or process name). */
  readonly app?: string;
  /** Text visible on the screen near the target, when the inspector reads it (used for injection checks). */
  readonly screenText?: string;
}

/** Looks at the target of an action before it runs. Any field it cannot tell is left out. */
export interface TargetInspector {
  /** `task` is the user's task, so an inspector can skip what the task itself asks for. */
  inspect(request: { action: ComputerAction; point?: Point; capture: Capture; signal?: AbortSignal; task?: string }): Promise<TargetInfo>;
}

/** Merges what several inspectors found; earlier ones win a field. */
export function combineInspectors(...inspectors: TargetInspector[]): TargetInspector {
  return {
    async inspect(request) {
      const infos = await Promise.all(inspectors.map((i) => i.inspect(request).catch(() => ({}))));
      return infos.reduceRight<TargetInfo>((acc, info) => ({ ...acc, ...definedOnly(info) }), {});
    },
  };
}

function definedOnly(info: TargetInfo): TargetInfo {
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined && v !== ""));
}
