import { test } from "node:test";
import assert from "node:assert/strict";
import { RunActivity, type ActivityPhase } from "../../electron/main/RunActivity.js";
import { runState } from "./support/activityFakes.js";

function recorder(activity: RunActivity): ActivityPhase[] {
  const phases: ActivityPhase[] = [];
  activity.onChange((now) => phases.push(now.phase));
  return phases;
}

test("a run goes idle → acting → paused → acting → stopping → idle, each change told once", () => {
  const activity = new RunActivity();
  const phases = recorder(activity);
  runState(activity, "r1", "running");
  runState(activity, "r1", "running"); // a repeat changes nothing
  runState(activity, "r1", "paused");
  runState(activity, "r1", "running");
  runState(activity, "r1", "stopping", { reason: "stopped by the user" });
  runState(activity, "r1", "finished", { status: "stopped" });
  assert.deepEqual(phases, ["acting", "paused", "acting", "stopping", "idle"]);
  assert.equal(activity.snapshot.runs.size, 0);
});

test("a run that errors while loading its model ends the activity like any other end", () => {
  const activity = new RunActivity();
  const phases = recorder(activity);
  runState(activity, "r1", "running");
  runState(activity, "r1", "finished", { status: "error", reason: "the model file is missing" });
  assert.deepEqual(phases, ["acting", "idle"]);
});

test("other events and unknown runs' ends leave the activity alone", () => {
  const activity = new RunActivity();
  const phases = recorder(activity);
  activity.observe({ type: "model-progress", modelId: "m", phase: "downloading", receivedBytes: 1, totalBytes: 2 });
  activity.observe({ type: "error", error: { code: "X", message: "y" } });
  runState(activity, "ghost", "finished");
  assert.deepEqual(phases, []);
  assert.equal(activity.snapshot.phase, "idle");
});

test("macro replays count as acting, and cannot be paused: a paused run beside a replay still acts", () => {
  const activity = new RunActivity();
  const phases = recorder(activity);
  activity.macroStarted();
  assert.equal(activity.snapshot.macro, true);
  runState(activity, "r1", "running");
  runState(activity, "r1", "paused");
  assert.equal(activity.snapshot.phase, "acting");
  activity.macroEnded();
  assert.equal(activity.snapshot.phase, "paused");
  runState(activity, "r1", "finished");
  activity.macroEnded(); // an extra end does not go negative
  activity.macroStarted();
  assert.equal(activity.snapshot.phase, "acting");
  assert.deepEqual(phases, ["acting", "acting", "acting", "paused", "idle", "acting"]);
});

test("two runs: acting while either runs, paused only when both are", () => {
  const activity = new RunActivity();
  runState(activity, "a", "running");
  runState(activity, "b", "running");
  runState(activity, "a", "paused");
  assert.equal(activity.snapshot.phase, "acting");
  runState(activity, "b", "paused");
  assert.equal(activity.snapshot.phase, "paused");
  runState(activity, "a", "finished");
  assert.equal(activity.snapshot.phase, "paused");
  assert.deepEqual([...activity.snapshot.runs.keys()], ["b"]);
});
