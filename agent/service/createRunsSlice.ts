import type { RunDefaults } from "../loop/AgentPorts.js";
import { systemClock } from "../loop/Clock.js";
import type { CornerFailSafe } from "../loop/CornerFailSafe.js";
import { RunsController, type RunEnvironment } from "../loop/RunsController.js";
import type { ConfirmBroker } from "../policy/ConfirmBroker.js";
import type { ConfirmEvent } from "../policy/ConfirmEvent.js";
import type { TargetInspector } from "../policy/TargetInfo.js";
import type { RunEvent } from "../loop/RunEvent.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { RunStore } from "../runs/RunStore.js";

/** What a front end chooses about its runs; createRunsSlice wires the rest the same way for all. */
export interface RunsSliceOptions {
  /** What runs see (the app: with its browser panels blanked out). */
  readonly screen: ScreenSource;
  /** How runs act: behind the fail-safe corner, whose `check` also stops a run that is busy generating. */
  readonly input: CornerFailSafe;
  readonly store: RunStore;
  /** Each run's model: the app borrows its shared one, `deskpilot run` loads the flags' (or replays answers). */
  readonly createDecider: RunEnvironment["createDecider"];
  /** Checked before a run exists, so a missing model refuses startRun with its code. */
  readonly preflight?: () => Promise<void>;
  /** Every run's options beyond defaultAgentOptions; read as each run starts (the app refreshes it from the settings in place). */
  readonly defaults: RunDefaults;
  /** Streams `run-frame` events, for a panel's live view. */
  readonly liveFrames?: boolean;
  /** The broker runs ask through (the app's one, shared with replays); default: the runs' own. */
  readonly confirms?: ConfirmBroker;
}

/**
 * The runs slice, built the same way for the app service and `deskpilot run`: the fail-safe
 * polled while a run is busy, and with an allow-list set, the application under each action read
 * from the window list, which the policy needs (no window list: the app stays unknown and the
 * policy asks).
 */
export function createRunsSlice(options: RunsSliceOptions, emit: (event: RunEvent | ConfirmEvent) => void): RunsController {
  const { defaults } = options;
  return new RunsController(
    {
      screen: options.screen,
      input: options.input,
      clock: systemClock,
      store: options.store,
      failSafe: options.input.check,
      liveFrames: options.liveFrames ?? false,
      inspector: allowListInspector(() => defaults.policy.allowedApps.length > 0),
      ...(options.preflight ? { preflight: options.preflight } : {}),
      createDecider: options.createDecider,
      defaults,
    },
    emit,
    options.confirms, // undefined: the runs' own broker (RunsController's default)
  );
}

/** The application under each action, read from the window list only while an allow-list is set. */
function allowListInspector(active: () => boolean): TargetInspector {
  let windows: TargetInspector | undefined;
  return {
    async inspect(request) {
      if (!active()) return {};
      try {
        windows ??= new (await import("../policy/WindowAppInspector.js")).WindowAppInspector();
        return await windows.inspect(request);
      } catch {
        return {}; // no window list (no display server): the app stays unknown and the policy asks
      }
    },
  };
}
