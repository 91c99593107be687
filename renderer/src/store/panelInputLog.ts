import type { IpcMethods } from "../../../electron/shared/ipcContract.js";

export type PanelInputEvent = NonNullable<NonNullable<IpcMethods["stopRecording"]["args"][1]>["panelInput"]>[number];

/** The most events one recording keeps (the service takes up to 20 000). */
const LIMIT = 20_000;
const TYPES = { pointerdown: "down", pointerup: "up", wheel: "wheel", keydown: "keydown", keyup: "keyup" } as const;

/**
 * Notes when this page received input while a macro records, so the service can leave that
 * input out: the panel is DeskPilot's own window, and in a browser (under `deskpilot serve`)
 * the service cannot know where that window is. Times only: no keys, no positions.
 */
export class PanelInputLog {
  private events: PanelInputEvent[] = [];
  private readonly listen = (e: Event) => {
    // Key repeats too: the hook reports each repeated press as well (a held Backspace in the name field).
    if (!e.isTrusted || this.events.length >= LIMIT) return;
    this.events.push({ type: TYPES[e.type as keyof typeof TYPES], at: performance.timeOrigin + e.timeStamp });
  };

  constructor(private readonly target: EventTarget | undefined = typeof window === "undefined" ? undefined : window) {
    for (const type of Object.keys(TYPES)) this.target?.addEventListener(type, this.listen, { capture: true, passive: true });
  }

  /** What the page received so far, oldest first. */
  snapshot(): PanelInputEvent[] {
    return [...this.events];
  }

  stop(): void {
    for (const type of Object.keys(TYPES)) this.target?.removeEventListener(type, this.listen, { capture: true });
    this.events = [];
  }
}
