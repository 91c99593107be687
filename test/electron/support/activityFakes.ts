import type { RunState } from "../../../agent/loop/RunEvent.js";
import type { PanelWindowPort, WidgetWindowPort } from "../../../electron/main/ActingWindows.js";
import type { WidgetView } from "../../../electron/shared/widgetContract.js";
import type { RunActivity } from "../../../electron/main/RunActivity.js";

/** A panel window that records what was done to it. */
export class FakePanel implements PanelWindowPort {
  visible = true;
  calls: string[] = [];
  isVisible(): boolean {
    return this.visible;
  }
  hide(): void {
    this.calls.push("hide");
    this.visible = false;
  }
  show(): void {
    this.calls.push("show");
    this.visible = true;
  }
}

/** A widget window that records its calls and what it shows. */
export class FakeWidget implements WidgetWindowPort {
  shown = false;
  view: WidgetView | undefined;
  calls: string[] = [];
  show(view: WidgetView): void {
    this.calls.push("show");
    this.shown = true;
    this.view = view;
  }
  update(view: WidgetView): void {
    this.calls.push("update");
    this.view = view;
  }
  hide(): void {
    this.calls.push("hide");
    this.shown = false;
  }
}

/** Feeds a run-state event, as RunsController emits it. */
export function runState(activity: RunActivity, runId: string, state: RunState, extra: { reason?: string; status?: string } = {}): void {
  activity.observe({ type: "run-state", runId, state, ...extra });
}
