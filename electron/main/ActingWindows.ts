import type { WidgetView } from "../shared/widgetContract.js";
import type { ActivitySnapshot } from "./RunActivity.js";

/** The control panel window as the controller needs it. */
export interface PanelWindowPort {
  isVisible(): boolean;
  hide(): void;
  /** Shows, restores and focuses it. */
  show(): void;
}

/** The always-on-top stop/pause widget. */
export interface WidgetWindowPort {
  /** Shows it without taking focus from the app the agent acts in. */
  show(view: WidgetView): void;
  update(view: WidgetView): void;
  hide(): void;
}

/**
 * Gets DeskPilot out of the model's sight while a run or macro replay acts (docs/design.md §8): the panel
 * hides and the widget shows; when the activity ends the widget hides and the panel the
 * controller hid comes back. A panel the user brings back during a pause hides again on resume.
 */
export class ActingWindows {
  private hidPanel = false;
  private widgetShown = false;

  constructor(
    private readonly panel: () => PanelWindowPort | undefined,
    private readonly widget: WidgetWindowPort,
  ) {}

  /** Applies one activity change; `view` is what the widget should show now. */
  apply(now: ActivitySnapshot, before: ActivitySnapshot, view: WidgetView): void {
    const wasIdle = before.phase === "idle";
    if (now.phase === "idle") {
      if (wasIdle) return;
      this.widget.hide();
      this.widgetShown = false;
      if (this.hidPanel) this.panel()?.show();
      this.hidPanel = false;
      return;
    }
    if (wasIdle) this.widget.show(view);
    else this.widget.update(view);
    this.widgetShown = true;
    if (now.phase === "acting" && before.phase !== "acting") this.hidePanel();
  }

  /** Shows a new view in the widget while it is up (e.g. once the hotkeys are registered). */
  refresh(view: WidgetView): void {
    if (this.widgetShown) this.widget.update(view);
  }

  private hidePanel(): void {
    const panel = this.panel();
    if (!panel?.isVisible()) return;
    panel.hide();
    this.hidPanel = true;
  }
}
