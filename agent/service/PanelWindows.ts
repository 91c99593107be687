import type { Rect } from "../geometry/Display.js";
import type { CompositorWindow } from "../platform/swayWindows.js";

/** Where a control-panel page's browser window is, as the page itself reports it (window.screenX/Y, outerWidth/Height). */
export interface PanelWindowReport {
  /** The page's own random id, so each open panel keeps one rect. */
  readonly id: string;
  /** The window's outer rect in the browser's screen coordinates (CSS px of the screen, which on X11 at scale 1 are logical px). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Whether the page has the keyboard focus (document.hasFocus()): typing would land in the panel. */
  readonly focused: boolean;
}

/** The panel page's title (renderer/index.html), which its browser or app window bears. */
export const PANEL_TITLE = "DeskPilot";

/** How long a report holds without a fresh one: the page reports every second while it is open. */
export const PANEL_REPORT_TTL_MS = 3000;

/**
 * The control panel's browser windows on this desktop (`deskpilot serve`: the panel is a page in
 * the user's browser, which the service cannot see otherwise). The agent's frames have them
 * blanked (BlankedScreenSource) and its pointer actions in them are refused (OwnWindowGuard), so
 * the model never sees or presses DeskPilot's own Run and Stop buttons. A page on another device
 * reports a rect that blanks a stretch of this desktop for nothing: harmless, and said in the run.
 */
export class PanelWindows {
  private readonly reports = new Map<string, PanelWindowReport & { readonly at: number }>();
  private gainedFocus = 0;
  /** Where the compositor says DeskPilot's windows are, on a desktop whose pages cannot know (Wayland). */
  private placed: readonly Rect[] | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  report(r: PanelWindowReport): void {
    if (r.focused && !this.reports.get(r.id)?.focused) this.gainedFocus++;
    this.reports.set(r.id, { ...r, at: this.now() });
  }

  /** Counts the times a panel gained the keyboard focus, so a guard can tell a focus older than its own click elsewhere. */
  focusCount(): number {
    return this.gainedFocus;
  }

  /**
   * On Wayland a page reports (0, 0) wherever its window is: there the compositor's windows
   * titled like the panel (PANEL_TITLE) stand in for the reports' places, or none where the
   * compositor cannot say (undefined keeps the reports').
   */
  placeFromCompositor(windows: readonly CompositorWindow[] | undefined | "unknown"): void {
    this.placed =
      windows === undefined ? undefined : windows === "unknown" ? [] : windows.filter((w) => w.visible && w.title.startsWith(PANEL_TITLE)).map((w) => w.rect);
  }

  /** Whether a panel page has reported within the last PANEL_REPORT_TTL_MS. */
  hasLivePanel(): boolean {
    return this.live().length > 0;
  }

  /** The panels reported within the last PANEL_REPORT_TTL_MS, in global logical px. */
  rects(): Rect[] {
    if (this.placed && this.live().length > 0) return [...this.placed];
    return this.live().map(({ x, y, width, height }) => ({ x, y, width, height }));
  }

  /** Whether a live panel has the keyboard focus. */
  focused(): boolean {
    return this.live().some((r) => r.focused);
  }

  private live(): PanelWindowReport[] {
    const cutoff = this.now() - PANEL_REPORT_TTL_MS;
    for (const [id, r] of this.reports) if (r.at < cutoff) this.reports.delete(id);
    return [...this.reports.values()];
  }
}
