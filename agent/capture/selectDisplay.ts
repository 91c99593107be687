import type { Display } from "./Display.js";
import { UnknownDisplayError } from "../errors/UnknownDisplayError.js";

/** Picks a display by id (or the primary one), with a clear error for an unknown id. */
export function selectDisplay(displays: readonly Display[], displayId?: string): Display {
  if (displayId === undefined) return displays.find((d) => d.primary) ?? displays[0]!;
  const found = displays.find((d) => d.id === displayId || d.name === displayId);
  if (!found) throw new UnknownDisplayError(displayId, displays.map((d) => `${d.id} (${d.name})`));
  return found;
}
