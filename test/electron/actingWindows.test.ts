import { test } from "node:test";
import assert from "node:assert/strict";
import { ActingWindows } from "../../electron/main/ActingWindows.js";
import { RunActivity } from "../../electron/main/RunActivity.js";
import { NO_HOTKEYS, widgetView } from "../../electron/main/widgetView.js";
import { FakePanel, FakeWidget, runState } from "./support/activityFakes.js";

/** The controller driven by a real RunActivity, as main wires them. */
function rig(panelVisible = true) {
  const panel = new FakePanel();
  panel.visible = panelVisible;
  let panelOpen = true;
  const widget = new FakeWidget();
  const windows = new ActingWindows(() => (panelOpen ? panel : undefined), widget);
  const activity = new RunActivity();
  activity.onChange((now, before) => windows.apply(now, before, widgetView(now, NO_HOTKEYS)));
  return { panel, widget, windows, activity, closePanel: () => (panelOpen = false) };
}

test("a run that starts hides the panel and shows the widget; when it finishes the panel returns", () => {
  const { panel, widget, activity } = rig();
  runState(activity, "r1", "running");
  assert.deepEqual(panel.calls, ["hide"]);
  assert.deepEqual(widget.calls, ["show"]);
  assert.equal(widget.view?.label, "Run acting");
  assert.equal(widget.view?.canStop, true);
  runState(activity, "r1", "finished", { status: "done" });
  assert.deepEqual(panel.calls, ["hide", "show"]);
  assert.deepEqual(widget.calls, ["show", "hide"]);
});

test("a run that errors gives the screen back just the same", () => {
  const { panel, widget, activity } = rig();
  runState(activity, "r1", "running");
  runState(activity, "r1", "finished", { status: "error", reason: "the engine crashed" });
  assert.equal(panel.visible, true);
  assert.equal(widget.shown, false);
});

test("pause keeps the panel away and the widget up, offering Resume; stopping disables the buttons", () => {
  const { panel, widget, activity } = rig();
  runState(activity, "r1", "running");
  runState(activity, "r1", "paused");
  assert.equal(panel.visible, false);
  assert.deepEqual(widget.calls, ["show", "update"]);
  assert.equal(widget.view?.canResume, true);
  assert.equal(widget.view?.canPause, false);
  runState(activity, "r1", "stopping");
  assert.equal(widget.view?.canStop, false);
  assert.equal(widget.view?.canResume, false);
  assert.equal(widget.view?.label, "Run stopping…");
  runState(activity, "r1", "finished", { status: "stopped" });
  assert.deepEqual(panel.calls, ["hide", "show"]);
});

test("a panel the user brought back during a pause gets out of the way again on resume", () => {
  const { panel, activity } = rig();
  runState(activity, "r1", "running");
  runState(activity, "r1", "paused");
  panel.show(); // "Show DeskPilot" from the tray
  runState(activity, "r1", "running");
  assert.equal(panel.visible, false);
  runState(activity, "r1", "finished");
  assert.equal(panel.visible, true);
  assert.deepEqual(panel.calls, ["hide", "show", "hide", "show"]);
});

test("a panel that was hidden before the run stays hidden after it", () => {
  const { panel, widget, activity } = rig(false);
  runState(activity, "r1", "running");
  runState(activity, "r1", "finished");
  assert.deepEqual(panel.calls, []);
  assert.deepEqual(widget.calls, ["show", "hide"]);
});

test("a panel closed during the run is not touched; the widget still goes", () => {
  const { panel, widget, activity, closePanel } = rig();
  runState(activity, "r1", "running");
  closePanel();
  runState(activity, "r1", "finished");
  assert.deepEqual(panel.calls, ["hide"]);
  assert.equal(widget.shown, false);
});

test("a macro replay gets the same treatment, and a run after it starts afresh", () => {
  const { panel, widget, activity } = rig();
  activity.macroStarted();
  assert.equal(widget.view?.label, "Macro acting");
  assert.equal(widget.view?.canPause, false);
  activity.macroEnded();
  runState(activity, "r2", "running");
  runState(activity, "r2", "finished");
  assert.deepEqual(panel.calls, ["hide", "show", "hide", "show"]);
  assert.deepEqual(widget.calls, ["show", "hide", "show", "hide"]);
});

test("refresh updates the widget only while it is up", () => {
  const { widget, windows, activity } = rig();
  windows.refresh(widgetView(activity.snapshot, NO_HOTKEYS));
  assert.deepEqual(widget.calls, []);
  runState(activity, "r1", "running");
  windows.refresh(widgetView(activity.snapshot, { stop: "Ctrl+Alt+Escape", problems: [] }));
  assert.equal(widget.view?.stopHotkey, "Ctrl+Alt+Escape");
});
