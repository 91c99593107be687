import { runAgent } from "../../../../agent/loop/runAgent.js";
import { RunControl } from "../../../../agent/loop/RunControl.js";
import { defaultAgentOptions, type AgentOptions } from "../../../../agent/loop/AgentPorts.js";
import { defaultSafetyPolicy } from "../../../../agent/policy/SafetyPolicy.js";
import { FileRunStore } from "../../../../agent/runs/FileRunStore.js";
import { smartResize } from "../../../../agent/geometry/smartResize.js";
import { ScriptedDecider } from "../../loop/support/ScriptedDecider.js";
import { TestClock } from "../../loop/support/TestClock.js";
import { BUTTON, renderScene, type SceneButton } from "./renderScene.js";
import { ReactiveInput, SceneScreen } from "./SceneScreen.js";

/** The screen the scripted runs act on: two buttons on a W×H display. */
export const RUN_SCREEN = { width: 1000, height: 700 } as const;
export const RUN_BOUNDS = { minImageTokens: 64, maxImageTokens: 1024 };
export const RUN_TASK = "send the message";
export const SEND: SceneButton = { label: "Send", x: 300, y: 200 };
export const CANCEL: SceneButton = { label: "Cancel", x: 600, y: 400 };

export const centre = (b: SceneButton) => ({ x: b.x + BUTTON.width / 2, y: b.y + BUTTON.height / 2 });

/** The model-frame point a model would name for a logical point of the run screen. */
export function frameAt(p: { x: number; y: number }): number[] {
  const f = smartResize(RUN_SCREEN.width, RUN_SCREEN.height, RUN_BOUNDS.minImageTokens, RUN_BOUNDS.maxImageTokens);
  return [Math.round((p.x * f.width) / RUN_SCREEN.width), Math.round((p.y * f.height) / RUN_SCREEN.height)];
}

/** Runs the scripted agent on the two-button screen, whose picture changes after each input, recording to the FileRunStore at `root`. */
export async function recordRun(root: string, runId: string, answers: string[], confirm = false): Promise<void> {
  const { width, height } = RUN_SCREEN;
  const scenes = [
    await renderScene({ width, height, buttons: [SEND, CANCEL] }),
    await renderScene({ width, height, buttons: [SEND, CANCEL], background: "#e8e8f0" }),
  ];
  const screen = new SceneScreen(scenes[0]!);
  const input = new ReactiveInput((i) => (screen.current = scenes[i.calls.length % 2]!));
  const options: AgentOptions = {
    ...defaultAgentOptions,
    runId,
    task: RUN_TASK,
    policy: defaultSafetyPolicy,
    bounds: RUN_BOUNDS,
    settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
  };
  const record = await new FileRunStore(root).open(runId);
  await runAgent(
    { screen, input, decider: new ScriptedDecider(answers), clock: new TestClock(), control: new RunControl(), record, confirm: async () => confirm },
    options,
  );
}
