import type { HotkeyStatus } from "./widgetView.js";
import { toAccelerator } from "../../agent/settings/toAccelerator.js";

/** Electron's globalShortcut as this module uses it. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** The settings' hotkeys (settingsSchema `hotkeys`). */
export interface HotkeySettings {
  readonly stop: string;
  readonly pause: string;
}

/**
 * The global emergency-stop and pause hotkeys (docs/design.md §8), registered only while DeskPilot acts so
 * they do not swallow those keys in other apps the rest of the time. A hotkey that cannot be
 * registered (another app holds it, or it is no valid key) comes back as a problem to show the
 * user; the other still registers.
 */
export class EmergencyHotkeys {
  private registered: string[] = [];

  constructor(
    private readonly registry: ShortcutRegistry,
    private readonly actions: { stop(reason: string): void; togglePause(): void },
  ) {}

  /** Registers both hotkeys (replacing any registered before) and says which work. */
  enable(settings: HotkeySettings): HotkeyStatus {
    this.disable();
    const problems: string[] = [];
    const bind = (what: string, chord: string, callback: () => void): string | undefined => {
      const parsed = toAccelerator(chord);
      if (!parsed.ok) {
        problems.push(`The ${what} hotkey does not work: ${parsed.problem}`);
        return undefined;
      }
      if (this.registered.includes(parsed.accelerator)) {
        problems.push(`The ${what} hotkey ${chord} is the same as the stop hotkey; choose another in Settings.`);
        return undefined;
      }
      let ok: boolean;
      try {
        ok = this.registry.register(parsed.accelerator, callback);
      } catch (error) {
        problems.push(`The ${what} hotkey ${chord} could not be registered (${(error as Error).message}); choose another in Settings.`);
        return undefined;
      }
      if (!ok) {
        problems.push(`The ${what} hotkey ${chord} is taken by another app; close that app or choose another hotkey in Settings.`);
        return undefined;
      }
      this.registered.push(parsed.accelerator);
      return parsed.accelerator;
    };
    const stop = bind("stop", settings.stop, () => this.actions.stop(`the stop hotkey (${settings.stop}) was pressed`));
    const pause = bind("pause", settings.pause, () => this.actions.togglePause());
    if (!stop) problems.push("Stop with the widget's Stop button, the tray menu, or by pushing the pointer into a screen corner.");
    return { ...(stop ? { stop } : {}), ...(pause ? { pause } : {}), problems };
  }

  /** Unregisters what enable() registered; idempotent. */
  disable(): void {
    for (const accelerator of this.registered) this.registry.unregister(accelerator);
    this.registered = [];
  }
}
