import type { RunsController } from "../loop/RunsController.js";
import type { LocalMacros } from "../macros/LocalMacros.js";
import type { SettingsStore } from "../settings/SettingsStore.js";
import type { ServiceEvent } from "./ServiceEvents.js";
import { ServiceStopKey, type StartStopKeyHook } from "./ServiceStopKey.js";

/** What the service's stop key holds around: its runs and its macros. */
export interface StopKeyActivities {
  readonly controller: RunsController;
  readonly macros: LocalMacros;
  readonly settings: SettingsStore;
  readonly emit: (event: ServiceEvent) => void;
  /** The runs' own preflight (the model is installed), checked before the hook starts: a run refused there needs no key. */
  readonly preflight?: () => Promise<void>;
  /** Tests: a fake hook; default StopHotkey. */
  readonly start?: StartStopKeyHook;
  /** Why no global key can be watched on this desktop (ServiceStopKeyPorts.unavailable). */
  readonly unavailable?: () => string | undefined;
}

/** The service's stop key, and the two activities with it held around them (see ServiceStopKey). */
export interface GuardedActivities {
  readonly stopKey: ServiceStopKey;
  /** Wraps a runs slice's startRun: the key is up before the run starts and until it ends. */
  readonly startRun: RunsController["startRun"];
  /** The macros slice with its replays held and its recordings ended by the same key. */
  readonly macros: LocalMacros;
}

/** Puts the settings' stop key around every run and macro replay of the service. */
export function stopKeyForActivities(a: StopKeyActivities): GuardedActivities {
  let replays = 0;
  const key = async () => (await a.settings.load()).settings.hotkeys.stop;
  const stopKey = new ServiceStopKey({
    key,
    stopAll: (reason) => {
      void a.controller
        .activeRuns()
        .then((runs) => Promise.all(runs.map((r) => a.controller.stopRun(r.runId, reason))))
        .catch(() => undefined);
      // Only a replay: a recording in progress ends on the same key by itself (MacroRecorder).
      if (replays > 0) void a.macros.stopMacro(reason);
    },
    warn: (message) => a.emit({ type: "error", error: { code: "STOP_KEY_UNAVAILABLE", message } }),
    ...(a.start ? { start: a.start } : {}),
    ...(a.unavailable ? { unavailable: a.unavailable } : {}),
  });
  const startRun: RunsController["startRun"] = async (task, options) => {
    await a.preflight?.();
    await stopKey.hold();
    try {
      const started = await a.controller.startRun(task, options);
      void a.controller.result(started.runId).finally(() => stopKey.release());
      return started;
    } catch (error) {
      stopKey.release();
      throw error;
    }
  };
  const macros = overriding(a.macros, {
    playMacro: (request) => {
      replays++;
      return stopKey.around(() => a.macros.playMacro(request)).finally(() => replays--);
    },
    // A recording started without a key (the panel's) ends on the settings' stop key.
    startRecording: async (options = {}) => a.macros.startRecording({ ...options, stopKey: options.stopKey ?? (await key()) }),
  });
  return { stopKey, startRun, macros };
}

/** `target` with some methods replaced; every other member is the target's own, bound to it (its private state stays in one place). */
function overriding<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(t, property) {
      if (Object.prototype.hasOwnProperty.call(replaced, property)) return (replaced as Record<PropertyKey, unknown>)[property];
      const value: unknown = Reflect.get(t, property, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}
