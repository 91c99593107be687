import { test } from "node:test";
import assert from "node:assert/strict";
import { ActingWindows } from "../../electron/main/ActingWindows.js";
import { EmergencyHotkeys, type HotkeySettings } from "../../electron/main/EmergencyHotkeys.js";
import { RunActivity } from "../../electron/main/RunActivity.js";
import { RunCommands, type RunControlsService } from "../../electron/main/RunCommands.js";
import { setupActivityUi } from "../../electron/main/ActivityUi.js";
import type { HotkeyStatus } from "../../electron/main/widgetView.js";
import { FakePanel, FakeWidget, runState } from "./support/activityFakes.js";
import { FakeShortcuts } from "./support/FakeShortcuts.js";

const settle = () => new Promise((r) => setImmediate(r));

/** main's wiring of activity, windows, hotkeys and the stop command, over fakes of Electron. */
function rig(options: { taken?: string[]; readHotkeys?: () => Promise<HotkeySettings> } = {}) {
  const activity = new RunActivity();
  const stops: string[] = [];
  const service: RunControlsService = {
    stopRun: async (id) => void stops.push(`run ${id}`),
    pauseRun: async () => {},
    resumeRun: async () => {},
    stopMacro: async (reason) => void stops.push(`macro: ${reason}`),
  };
  const commands = new RunCommands(service, activity);
  const shortcuts = new FakeShortcuts(options.taken);
  const widget = new FakeWidget();
  const panel = new FakePanel();
  const reports: string[] = [];
  const tray: HotkeyStatus[] = [];
  const ui = setupActivityUi({
    activity,
    windows: new ActingWindows(() => panel, widget),
    hotkeys: new EmergencyHotkeys(shortcuts, { stop: (r) => commands.stopAll(r), togglePause: () => commands.togglePause() }),
    readHotkeys: options.readHotkeys ?? (async () => ({ stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P" })),
    fallbackHotkeys: { stop: "Ctrl+Alt+F12", pause: "Ctrl+Alt+F11" },
    report: (p) => reports.push(p),
    onStatus: (_a, h) => tray.push(h),
  });
  return { activity, shortcuts, widget, panel, reports, tray, stops, ui };
}

test("the stop hotkey is live only while a run acts, and stops it even with the panel hidden", async () => {
  const { activity, shortcuts, widget, stops, ui } = rig();
  assert.equal(shortcuts.bound.size, 0, "nothing grabbed while idle");
  runState(activity, "r1", "running");
  await settle();
  assert.deepEqual([...shortcuts.bound.keys()].sort(), ["Ctrl+Alt+Escape", "Ctrl+Alt+P"]);
  assert.equal(widget.view?.stopHotkey, "Ctrl+Alt+Escape", "the widget names the hotkey");
  shortcuts.press("Ctrl+Alt+Escape");
  assert.deepEqual(stops, ["run r1"]);
  runState(activity, "r1", "stopping");
  runState(activity, "r1", "finished", { status: "stopped" });
  assert.equal(shortcuts.bound.size, 0, "let go when the run ends");
  assert.equal(ui.hotkeys().stop, undefined);
});

test("a macro replay is stopped by the same hotkey", async () => {
  const { activity, shortcuts, stops } = rig();
  activity.macroStarted();
  await settle();
  shortcuts.press("Ctrl+Alt+Escape");
  assert.deepEqual(stops, ["macro: the stop hotkey (Ctrl+Alt+Escape) was pressed"]);
});

test("a hotkey taken by another app is reported to the user and shown in the widget and tray", async () => {
  const { activity, widget, reports, tray } = rig({ taken: ["Ctrl+Alt+Escape"] });
  runState(activity, "r1", "running");
  await settle();
  assert.equal(reports.length, 1);
  assert.match(reports[0] ?? "", /taken by another app/);
  assert.match(widget.view?.problem ?? "", /taken by another app/);
  assert.equal(widget.view?.stopHotkey, undefined);
  assert.match(tray.at(-1)?.problems.join(" ") ?? "", /taken by another app/);
});

test("unreadable settings fall back to the default hotkeys, and say so", async () => {
  const { activity, shortcuts, reports } = rig({ readHotkeys: () => Promise.reject(new Error("settings.json is locked")) });
  runState(activity, "r1", "running");
  await settle();
  assert.match(reports[0] ?? "", /settings\.json is locked.*Ctrl\+Alt\+F12/);
  assert.deepEqual([...shortcuts.bound.keys()].sort(), ["Ctrl+Alt+F11", "Ctrl+Alt+F12"]);
});

test("a run that ends before the settings are read registers nothing", async () => {
  let release: (s: HotkeySettings) => void = () => {};
  const { activity, shortcuts } = rig({ readHotkeys: () => new Promise((r) => (release = r)) });
  runState(activity, "r1", "running");
  runState(activity, "r1", "finished", { status: "error" });
  release({ stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P" });
  await settle();
  assert.equal(shortcuts.bound.size, 0);
});

test("dispose lets go of the hotkeys and stops listening", async () => {
  const { activity, shortcuts, widget, ui } = rig();
  runState(activity, "r1", "running");
  await settle();
  ui.dispose();
  assert.equal(shortcuts.bound.size, 0);
  const calls = widget.calls.length;
  runState(activity, "r1", "finished");
  assert.equal(widget.calls.length, calls);
});
