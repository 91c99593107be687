/**
 * The one IPC contract between main, preload and renderer. Main imports it normally; the
 * sandboxed preload cannot load our modules, so it repeats the names and the compiler
 * checks them against these types; the renderer imports it with `import type` only.
 */
import type { Display } from "../../agent/capture/Display.js";
import type { CaptureResult } from "../../agent/service/DeskPilotService.js";
import type { ActionOutcome } from "../../agent/actions/executeAction.js";
import type { ErrorInfo, ServiceEvent } from "../../agent/service/ServiceEvents.js";

export type { Display, CaptureResult, ActionOutcome, ErrorInfo, ServiceEvent };

/** Options of `act` as they cross IPC. */
export interface ActOptions {
  readonly dryRun?: boolean;
}

/**
 * Each service method bound to IPC: its arguments as the renderer sends them and its
 * result. `act` takes the action as `unknown` because main validates it (zod) anyway.
 */
export interface IpcMethods {
  listDisplays: { args: []; result: Display[] };
  capture: { args: [displayId?: string]; result: CaptureResult };
  act: { args: [action: unknown, options?: ActOptions]; result: ActionOutcome };
}

export type IpcMethodName = keyof IpcMethods;

/** Every reply is an envelope: Electron would flatten a thrown error to a message string. */
export type IpcReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

/** The invoke channel of a method. */
export type IpcChannel<K extends IpcMethodName = IpcMethodName> = `deskpilot:${K}`;

/** The channel main pushes service events on. */
export const EVENT_CHANNEL = "deskpilot:event";
export type EventChannel = typeof EVENT_CHANNEL;

/** What preload exposes on `window.deskpilot`: one named method per contract entry, plus events. */
export type PreloadApi = {
  readonly [K in IpcMethodName]: (...args: IpcMethods[K]["args"]) => Promise<IpcReply<IpcMethods[K]["result"]>>;
} & {
  /** Subscribes to service events; returns the function that unsubscribes. */
  readonly onEvent: (listener: (event: ServiceEvent) => void) => () => void;
};

/** The global name preload exposes the API under. */
export const PRELOAD_GLOBAL = "deskpilot";
