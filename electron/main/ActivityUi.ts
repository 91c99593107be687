import type { ActingWindows } from "./ActingWindows.js";
import type { EmergencyHotkeys, HotkeySettings } from "./EmergencyHotkeys.js";
import type { ActivitySnapshot, RunActivity } from "./RunActivity.js";
import { NO_HOTKEYS, widgetView, type HotkeyStatus } from "./widgetView.js";

export interface ActivityUiPorts {
  readonly activity: RunActivity;
  readonly windows: ActingWindows;
  readonly hotkeys: Pick<EmergencyHotkeys, "enable" | "disable">;
  /** The settings' hotkeys, read afresh when an activity starts (the user may have changed them). */
  readonly readHotkeys: () => Promise<HotkeySettings>;
  /** Used when the settings cannot be read. */
  readonly fallbackHotkeys: HotkeySettings;
  /** Tells the user about a problem (a service `error` event the panel shows, and the log). */
  readonly report: (problem: string) => void;
  /** Redraws the tray; absent where there is none. */
  readonly onStatus?: (activity: ActivitySnapshot, hotkeys: HotkeyStatus) => void;
}

/**
 * Ties what DeskPilot does to what the user sees and can press: on every activity change the
 * windows move (ActingWindows) and the tray redraws; when an activity starts the emergency
 * hotkeys register, and when it ends they let go. Returns the function that stops listening.
 */
export function setupActivityUi(ports: ActivityUiPorts): { readonly hotkeys: () => HotkeyStatus; readonly dispose: () => void } {
  let status: HotkeyStatus = NO_HOTKEYS;
  let generation = 0;
  const publish = (): void => {
    const now = ports.activity.snapshot;
    ports.windows.refresh(widgetView(now, status));
    ports.onStatus?.(now, status);
  };
  const register = async (mine: number): Promise<void> => {
    let settings: HotkeySettings;
    try {
      settings = await ports.readHotkeys();
    } catch (error) {
      ports.report(`Could not read the hotkey settings (${(error as Error).message}); using ${ports.fallbackHotkeys.stop} to stop.`);
      settings = ports.fallbackHotkeys;
    }
    // The activity ended (or another began) while the settings were read.
    if (mine !== generation || ports.activity.snapshot.phase === "idle") return;
    status = ports.hotkeys.enable(settings);
    if (status.problems.length > 0) ports.report(status.problems.join(" "));
    publish();
  };
  const stop = ports.activity.onChange((now, before) => {
    if (now.phase === "idle") {
      generation++;
      ports.hotkeys.disable();
      status = NO_HOTKEYS;
    } else if (before.phase === "idle") {
      void register(++generation);
    }
    ports.windows.apply(now, before, widgetView(now, status));
    ports.onStatus?.(now, status);
  });
  return {
    hotkeys: () => status,
    dispose: () => {
      stop();
      generation++;
      ports.hotkeys.disable();
    },
  };
}
