import { GlobalInputHook } from "./GlobalInputHook.js";
import { DEFAULT_STOP_KEY } from "./defaultStopKey.js";
import { stopKeyMatcher } from "./stopKeyMatcher.js";

/**
 * The global emergency-stop hotkey (docs/design.md §8): the global input hook; a press of `key` calls
 * `onStop` even when DeskPilot has no focus. `dispose()` ends the hook.
 */
export class StopHotkey {
  private constructor(private readonly hook: GlobalInputHook) {}

  /** Starts the hook and resolves once it listens; rejects with the reason when it cannot (no display, no RECORD extension). */
  static async start(onStop: (reason: string) => void, key = DEFAULT_STOP_KEY, timeoutMs = 5000): Promise<StopHotkey> {
    const isStop = stopKeyMatcher(key);
    const hook = await GlobalInputHook.start({
      timeoutMs,
      onEvent: (event) => {
        if (event.type === "keydown" && isStop(event)) onStop(`the stop key (${key}) was pressed`);
      },
    });
    return new StopHotkey(hook);
  }

  async dispose(): Promise<void> {
    await this.hook.dispose(1000);
  }
}
