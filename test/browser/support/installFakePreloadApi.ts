import type { Display, PreloadApi, ServiceEvent } from "../../../electron/shared/ipcContract.js";

/** What the fake service answers with. */
export interface FakeServiceScript {
  readonly displays: Display[];
  /** The PNG every capture returns. */
  readonly pngBase64: string;
}

/** The calls the page made, readable from the test as `window.__deskpilotCalls`. */
export type RecordedCall = [method: string, ...args: unknown[]];

/** What the fake adds to the page for the test: the calls made, and a way to push events. */
export interface FakeServiceHandle {
  __deskpilotCalls: RecordedCall[];
  __deskpilotEmit: (event: ServiceEvent) => void;
}

/**
 * Installs a `window.deskpilot` that implements the preload API over a scripted service,
 * so the real control panel runs in plain Chromium. Playwright serializes this function
 * into the page: it must not use anything from its module scope.
 */
export function installFakePreloadApi(script: FakeServiceScript): void {
  const page = globalThis as unknown as { deskpilot?: PreloadApi } & FakeServiceHandle;
  const calls: RecordedCall[] = (page.__deskpilotCalls = []);
  const listeners = new Set<(event: ServiceEvent) => void>();
  page.__deskpilotEmit = (event) => listeners.forEach((l) => l(event));
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  const primary = script.displays.find((d) => d.primary) ?? script.displays[0];

  // The slices this scripted service lacks answer like a service built without them.
  const sliceMethods = [
    "startRun",
    "pauseRun",
    "resumeRun",
    "stopRun",
    "runState",
    "answerConfirm",
    "activeRuns",
    "listRuns",
    "getRun",
    "runScreenshot",
    "runReport",
    "listModels",
    "pullModel",
    "cancelPull",
    "removeModel",
    "verifyModelFiles",
    "useModel",
    "getSettings",
    "updateSettings",
    "listMacros",
    "showMacro",
    "loadMacro",
    "saveMacro",
    "playMacro",
    "startRecording",
    "stopRecording",
    "stopMacro",
    "saveRunAsMacro",
    "ground",
    "ask",
    "reportPanelWindow",
  ] as const;
  const absent = Object.fromEntries(
    sliceMethods.map((m) => [
      m,
      (...args: unknown[]) => {
        calls.push([m, ...args]);
        return Promise.resolve({ ok: false as const, error: { code: "UNKNOWN_METHOD", message: `DeskPilot has no method "${m}".` } });
      },
    ]),
  ) as unknown as Pick<PreloadApi, (typeof sliceMethods)[number]>;

  page.deskpilot = {
    ...absent,
    listDisplays: () => {
      calls.push(["listDisplays"]);
      return ok(script.displays);
    },
    capture: (displayId) => {
      calls.push(["capture", displayId]);
      const display = displayId === undefined ? primary : script.displays.find((d) => d.id === displayId);
      if (!display) return Promise.resolve({ ok: false, error: { code: "UNKNOWN_DISPLAY", message: `No display ${displayId}.` } });
      const png = Uint8Array.from(atob(script.pngBase64), (c) => c.charCodeAt(0));
      return ok({ display, width: display.width * display.scaleFactor, height: display.height * display.scaleFactor, png, ms: 12 });
    },
    act: (action, options) => {
      calls.push(["act", action, options]);
      const a = action as { action?: unknown; coordinate?: [number, number] };
      // Mirrors the service's answer to a schema violation: a coded error, nothing done.
      if (a.action !== "mouse_move" || !Array.isArray(a.coordinate)) {
        return Promise.resolve({
          ok: false,
          error: { code: "INVALID_ACTION", message: "Invalid action: action: Invalid input. No input was sent." },
        });
      }
      const point = { x: a.coordinate[0], y: a.coordinate[1] };
      return ok({ action: { action: "mouse_move", coordinate: a.coordinate }, point, display: primary, dryRun: options?.dryRun ?? false });
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
