import { StopHotkey } from "../inputHook/StopHotkey.js";

/** A running global key hook; `dispose()` ends it. */
export interface StopKeyHook {
  dispose(): Promise<void>;
}

/** Starts a hook that calls `onStop` when `key` is pressed anywhere; rejects with why it cannot (no display, no RECORD extension). */
export type StartStopKeyHook = (onStop: (reason: string) => void, key: string) => Promise<StopKeyHook>;

export interface ServiceStopKeyPorts {
  /** The stop key now: the settings' `hotkeys.stop`. */
  readonly key: () => Promise<string>;
  /** Stops every run and macro replay the service has going, with `reason`. */
  readonly stopAll: (reason: string) => void;
  /** Tells the user this activity has no stop key, and how else to stop it (an `error` event the panel shows). */
  readonly warn: (message: string) => void;
  /** Default: StopHotkey, libuiohook in a child process. */
  readonly start?: StartStopKeyHook;
  /**
   * Why no global key can be watched on this desktop at all, or undefined (`noGlobalInput`): on
   * a Wayland session DeskPilot acts on natively no program hears keys pressed in other windows
   * (a hook under XWayland would hear X11 windows only), nor can the pointer be read for the corner.
   */
  readonly unavailable?: () => string | undefined;
}

/**
 * The emergency stop key of every run and macro replay the service starts, whatever started it
 * (the panel in a browser under `deskpilot serve`, Electron, a script over the WebSocket): the
 * service owns it, so no front end can forget it. `around()` holds the hook up before the
 * activity sends its first input; the hook stays up while anything acts and ends when nothing
 * does. A hook that cannot start does not refuse the activity (the corner fail-safe and the Stop
 * button still work, and a refusal would make DeskPilot unusable wherever the hook cannot run):
 * it is said, each time an activity starts without one.
 */
export class ServiceStopKey {
  private hook: Promise<StopKeyHook | undefined> | undefined;
  private holders = 0;
  private disposed = false;

  constructor(private readonly ports: ServiceStopKeyPorts) {}

  /** Runs `activity` with the stop key held up from before its start to its end. */
  async around<T>(activity: () => Promise<T>): Promise<T> {
    await this.hold();
    try {
      return await activity();
    } finally {
      this.release();
    }
  }

  /** Holds the hook up (starting it when none runs) until a matching release(). */
  async hold(): Promise<void> {
    this.holders++;
    if (this.disposed) return;
    this.hook ??= this.startHook();
    const hook = await this.hook;
    if (!hook) this.hook = undefined; // the next activity tries again (a display may have come up)
  }

  /** Lets go of one hold(); the last one ends the hook. */
  release(): void {
    this.holders = Math.max(0, this.holders - 1);
    if (this.holders > 0 || !this.hook) return;
    const ending = this.hook;
    this.hook = undefined;
    void ending.then((h) => h?.dispose());
  }

  /** Ends the hook; idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const ending = this.hook;
    this.hook = undefined;
    await (await ending)?.dispose();
  }

  private async startHook(): Promise<StopKeyHook | undefined> {
    const { ports } = this;
    let key: string | undefined;
    const why = ports.unavailable?.();
    if (why) {
      // A desktop key bound to STOP_COMMAND signals CLI runs only, not this service's.
      ports.warn(`No stop key for this run: ${why} Stop it with the panel's Stop button.`);
      return undefined;
    }
    try {
      key = await ports.key();
      const start = ports.start ?? ((onStop, k) => StopHotkey.start(onStop, k));
      // A press while nothing acts (between the last release and the hook's end) stops nothing.
      const hook = await start((reason) => this.holders > 0 && ports.stopAll(reason), key);
      if (this.holders === 0 || this.disposed) {
        await hook.dispose();
        return undefined;
      }
      return hook;
    } catch (error) {
      ports.warn(
        `No stop key for this run: ${key ?? "the stop key"} cannot be watched here (${(error as Error).message}). ` +
          "Stop it with the panel's Stop button, or push the pointer into a corner of the screen.",
      );
      return undefined;
    }
  }
}
