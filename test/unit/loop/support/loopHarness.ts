import { defaultAgentOptions, type AgentOptions, type AgentPorts, type ConfirmRequest, type RunResult } from "../../../../agent/loop/AgentPorts.js";
import { RunControl } from "../../../../agent/loop/RunControl.js";
import { runAgent } from "../../../../agent/loop/runAgent.js";
import { defaultSafetyPolicy } from "../../../../agent/policy/SafetyPolicy.js";
import { MemoryRunStore } from "../../../../agent/runs/RunStore.js";
import type { RunLogEntry, StepEntry } from "../../../../agent/runs/RunLogEntry.js";
import type { Display } from "../../../../agent/geometry/Display.js";
import { FakeInputDriver } from "../../../support/FakeInputDriver.js";
import { ScriptedDecider, type Answer } from "./ScriptedDecider.js";
import { TestClock } from "./TestClock.js";
import { ColourScreen } from "./ColourScreen.js";

export const DISPLAY: Display = { id: "1", name: "test", x: 0, y: 0, width: 1280, height: 800, scaleFactor: 1, primary: true };

export interface Harness {
  readonly decider: ScriptedDecider;
  readonly input: FakeInputDriver;
  readonly screen: ColourScreen;
  readonly clock: TestClock;
  readonly control: RunControl;
  readonly store: MemoryRunStore;
  readonly confirms: ConfirmRequest[];
  readonly ports: AgentPorts;
  readonly options: AgentOptions;
  run(): Promise<RunResult>;
  log(): RunLogEntry[];
  steps(): StepEntry[];
}

/**
 * The loop on fakes: a scripted model, a recording input driver, and a screen whose colour
 * follows the number of input events (so each action visibly changes it) unless `staticScreen`.
 */
export function loopHarness(
  answers: readonly Answer[],
  overrides: Partial<AgentOptions> & { staticScreen?: boolean; display?: Display; confirm?: (r: ConfirmRequest) => Promise<boolean> } = {},
  ports: Partial<AgentPorts> = {},
): Harness {
  const { staticScreen, display, confirm, ...opts } = overrides;
  const input = new FakeInputDriver({ x: 5, y: 5 });
  const screen = new ColourScreen(display ?? DISPLAY, () => (staticScreen ? [10, 20, 30] : [input.calls.length % 256, 20, 30]));
  const decider = new ScriptedDecider(answers);
  const clock = new TestClock();
  const control = new RunControl();
  const store = new MemoryRunStore();
  const confirms: ConfirmRequest[] = [];
  const options: AgentOptions = {
    ...defaultAgentOptions,
    runId: "run-1",
    task: "fill in the form",
    policy: defaultSafetyPolicy,
    bounds: { minImageTokens: 64, maxImageTokens: 256 },
    settle: { timeoutMs: 300, intervalMs: 100, minChangedPixels: 40 },
    ...opts,
  };
  let record: AgentPorts["record"] | undefined;
  const h: Harness = {
    decider,
    input,
    screen,
    clock,
    control,
    store,
    confirms,
    options,
    get ports() {
      return {
        screen,
        input,
        decider,
        clock,
        control,
        record: record!,
        confirm: async (r: ConfirmRequest) => {
          confirms.push(r);
          return confirm ? confirm(r) : false;
        },
        ...ports,
      };
    },
    async run() {
      record = await store.open(options.runId);
      return runAgent(h.ports, options);
    },
    log: () => store.runs.get(options.runId) ?? [],
    steps: () => h.log().filter((e): e is StepEntry => e.type === "step"),
  };
  return h;
}
