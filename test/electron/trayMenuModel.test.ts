import { test } from "node:test";
import assert from "node:assert/strict";
import { RunActivity } from "../../electron/main/RunActivity.js";
import { trayMenuModel, trayTooltip, type TrayItem } from "../../electron/main/trayMenuModel.js";
import { NO_HOTKEYS } from "../../electron/main/widgetView.js";
import { runState } from "./support/activityFakes.js";

const commands = (items: TrayItem[]) =>
  items.flatMap((i) => (i.kind === "command" ? [`${i.label}${i.enabled ? "" : " (off)"}${i.accelerator ? ` [${i.accelerator}]` : ""}`] : []));
const status = (items: TrayItem[]) => items.find((i) => i.kind === "status")?.label;

test("idle: show and quit work; pause and stop are off", () => {
  const activity = new RunActivity();
  const items = trayMenuModel(activity.snapshot, NO_HOTKEYS, 0);
  assert.equal(status(items), "idle");
  assert.deepEqual(commands(items), ["Show DeskPilot", "Pause (off)", "Stop run (off)", "Quit DeskPilot"]);
  assert.equal(trayTooltip(activity.snapshot), "DeskPilot — idle");
});

test("acting: pause and stop are on and show their hotkeys", () => {
  const activity = new RunActivity();
  runState(activity, "r1", "running");
  const items = trayMenuModel(activity.snapshot, { stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P", problems: [] }, 0);
  assert.equal(status(items), "a run acting");
  assert.deepEqual(commands(items), ["Show DeskPilot", "Pause [Ctrl+Alt+P]", "Stop run [Ctrl+Alt+Escape]", "Quit DeskPilot"]);
});

test("paused offers Resume; stopping turns both off", () => {
  const activity = new RunActivity();
  runState(activity, "r1", "running");
  runState(activity, "r1", "paused");
  assert.deepEqual(commands(trayMenuModel(activity.snapshot, NO_HOTKEYS, 0)).slice(1, 3), ["Resume", "Stop run"]);
  runState(activity, "r1", "stopping");
  const stopping = trayMenuModel(activity.snapshot, NO_HOTKEYS, 0);
  assert.equal(status(stopping), "stopping…");
  assert.deepEqual(commands(stopping).slice(1, 3), ["Pause (off)", "Stop run (off)"]);
});

test("a macro alone says Stop macro and cannot pause; missing permissions get an entry", () => {
  const activity = new RunActivity();
  activity.macroStarted();
  const items = trayMenuModel(activity.snapshot, NO_HOTKEYS, 2);
  assert.equal(status(items), "a macro acting");
  assert.deepEqual(commands(items), ["Show DeskPilot", "Pause (off)", "Stop macro", "Permissions needed (2)…", "Quit DeskPilot"]);
});
