import { test } from "node:test";
import assert from "node:assert/strict";
import { RunActivity } from "../../electron/main/RunActivity.js";
import { RunCommands, type RunControlsService } from "../../electron/main/RunCommands.js";
import { runState } from "./support/activityFakes.js";

/** A service that records calls the moment they are made (RunsController acts synchronously too). */
class RecordingService implements RunControlsService {
  calls: string[] = [];
  failing = false;
  async stopRun(id: string) {
    this.calls.push(`stopRun ${id}`);
    if (this.failing) throw new Error("no such run");
  }
  async pauseRun(id: string) {
    this.calls.push(`pauseRun ${id}`);
  }
  async resumeRun(id: string) {
    this.calls.push(`resumeRun ${id}`);
  }
  async stopMacro(reason?: string) {
    this.calls.push(`stopMacro ${reason}`);
  }
}

test("stop reaches every unfinished run and the macro replay before it returns", () => {
  const service = new RecordingService();
  const activity = new RunActivity();
  runState(activity, "a", "running");
  runState(activity, "b", "paused");
  runState(activity, "c", "stopping");
  activity.macroStarted();
  new RunCommands(service, activity).stopAll("the stop hotkey was pressed");
  // Synchronously: no await between the key press and the runs' abort.
  assert.deepEqual(service.calls, ["stopRun a", "stopRun b", "stopMacro the stop hotkey was pressed"]);
});

test("stop with nothing acting does nothing, and never stops a macro recording", () => {
  const service = new RecordingService();
  new RunCommands(service, new RunActivity()).stopAll("x");
  assert.deepEqual(service.calls, []);
});

test("toggle pause pauses running runs, then resumes them once all are paused", () => {
  const service = new RecordingService();
  const activity = new RunActivity();
  const commands = new RunCommands(service, activity);
  runState(activity, "a", "running");
  commands.togglePause();
  assert.deepEqual(service.calls, ["pauseRun a"]);
  runState(activity, "a", "paused");
  commands.pause(); // already paused: nothing
  commands.togglePause();
  assert.deepEqual(service.calls, ["pauseRun a", "resumeRun a"]);
  runState(activity, "a", "running");
  commands.resume(); // not paused: nothing
  assert.equal(service.calls.length, 2);
});

test("a failed stop is logged, not thrown into Electron's shortcut callback", async () => {
  const service = new RecordingService();
  service.failing = true;
  const activity = new RunActivity();
  runState(activity, "a", "running");
  const logs: string[] = [];
  new RunCommands(service, activity, (m) => logs.push(m)).stopAll("x");
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(logs, ["deskpilot: could not stop run a:"]);
});
