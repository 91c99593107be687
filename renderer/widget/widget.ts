// The stop/pause widget's page: shows what main sends and sends back one command per button.
// No framework: it is three buttons, and it must paint at once when a run starts.
import type { WidgetApi, WidgetView } from "../../electron/shared/widgetContract.js";

declare global {
  interface Window {
    /** Set by electron/preload/widgetPreload.ts. */
    readonly deskpilotWidget?: WidgetApi;
  }
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the widget page lacks #${id}`);
  return found as T;
}

const label = element<HTMLSpanElement>("label");
const hint = element<HTMLSpanElement>("hint");
const pause = element<HTMLButtonElement>("pause");
const stop = element<HTMLButtonElement>("stop");
const show = element<HTMLButtonElement>("show");
const problem = element<HTMLParagraphElement>("problem");
let current: WidgetView | undefined;

/** Draws one view from main. */
export function render(view: WidgetView): void {
  current = view;
  document.body.dataset["phase"] = view.phase;
  label.textContent = view.label;
  hint.textContent = view.stopHotkey ? `Stop: ${view.stopHotkey}` : "";
  pause.textContent = view.canResume ? "Resume" : "Pause";
  pause.title = view.pauseHotkey ? `${pause.textContent} (${view.pauseHotkey})` : "";
  stop.title = view.stopHotkey ? `Stop (${view.stopHotkey})` : "";
  pause.disabled = !(view.canPause || view.canResume);
  stop.disabled = !view.canStop;
  problem.hidden = !view.problem;
  problem.textContent = view.problem ?? "";
  problem.title = view.problem ?? "";
}

const api = window.deskpilotWidget;
if (!api) {
  label.textContent = "Open this page from the DeskPilot app.";
} else {
  api.onView(render);
  stop.addEventListener("click", () => api.command("stop"));
  pause.addEventListener("click", () => api.command(current?.canResume ? "resume" : "pause"));
  show.addEventListener("click", () => api.command("show-panel"));
}
