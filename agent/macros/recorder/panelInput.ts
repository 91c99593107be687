import type { LogicalEvent } from "./compressEvents.js";

/** One input event the control panel's own page received (a DOM event), at wall-clock ms. */
export interface PanelInputEvent {
  readonly type: "down" | "up" | "wheel" | "keydown" | "keyup";
  /** `performance.timeOrigin + event.timeStamp` in the page: ms since the epoch. */
  readonly at: number;
}

/** How far apart (ms) the hook's copy and the page's copy of one input event may be. */
export const PANEL_INPUT_TOLERANCE_MS = 400;

/**
 * Drops the recorded events that the control panel's page received too. Under `deskpilot serve`
 * the panel is a page in the user's browser, whose place on the screen the server cannot know;
 * the page can say when it got input, and the events the hook saw at those moments (clicks on
 * "Stop and save", the macro's name typed into the panel) are DeskPilot's own. Matched one to
 * one, in order, by type and time; events without a receipt time are kept.
 *
 * A page on another device reports input this desktop never saw, which matches nothing unless
 * the two happen within the tolerance of each other.
 */
export function dropPanelInput<E extends LogicalEvent>(events: readonly E[], panel: readonly PanelInputEvent[], toleranceMs = PANEL_INPUT_TOLERANCE_MS): E[] {
  if (panel.length === 0) return [...events];
  const dropped = new Set<number>();
  const byType = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (e.receivedAt === undefined) return;
    const list = byType.get(e.type) ?? [];
    list.push(i);
    byType.set(e.type, list);
  });
  const cursor = new Map<string, number>();
  for (const p of [...panel].sort((a, b) => a.at - b.at)) {
    const list = byType.get(p.type);
    if (!list) continue;
    // The earliest event of this type not matched yet and not too early; taken if not too late.
    let k = cursor.get(p.type) ?? 0;
    while (k < list.length && events[list[k]!]!.receivedAt! < p.at - toleranceMs) k++;
    if (k < list.length && events[list[k]!]!.receivedAt! <= p.at + toleranceMs) {
      dropped.add(list[k]!);
      k++;
    }
    cursor.set(p.type, k);
  }
  return events.filter((_, i) => !dropped.has(i));
}
