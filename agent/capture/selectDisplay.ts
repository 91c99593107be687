import type { Display } from "../geometry/Display.js";
import { UnknownDisplayError } from "../errors/UnknownDisplayError.js";
import { NoDisplayError } from "../errors/NoDisplayError.js";

/** Picks a display by id (or the primary one), with a clear error for an unknown id. */
export function selectDisplay(displays: readonly Display[], displayId?: string): Display {
  if (displayId === undefined) {
    const chosen = displays.find((d) => d.primary) ?? displays[0];
    if (!chosen) throw new NoDisplayError("the display server reports no monitors");
    return chosen;
  }
  const found = displays.find((d) => d.id === displayId || d.name === displayId);
  if (!found)
    throw new UnknownDisplayError(
      displayId,
      displays.map((d) => `${d.id} (${d.name})`),
    );
  return found;
}
