/**
 * The one IPC contract between main, preload and renderer. Main imports it normally; the
 * sandboxed preload cannot load our modules, so it repeats the names and the compiler
 * checks them against these types; the renderer imports it with `import type` only.
 */
import type { Display } from "../../agent/geometry/Display.js";
import type { CaptureResult } from "../../agent/service/DeskPilotService.js";
import type { ActionOutcome } from "../../agent/actions/executeAction.js";
import type { ServiceEvent } from "../../agent/service/ServiceEvents.js";
import type { ErrorInfo } from "../../agent/errors/ErrorInfo.js";
import type { ActOptions, Reply, ServiceMethodName, ServiceMethods } from "../../agent/service/serviceContract.js";

export type { Display, CaptureResult, ActionOutcome, ErrorInfo, ServiceEvent, ActOptions };

/** The service's client contract (agent/service/serviceContract.ts), as IPC carries it. */
export type IpcMethods = ServiceMethods;
export type IpcMethodName = ServiceMethodName;

/** Every reply is an envelope: Electron would flatten a thrown error to a message string. */
export type IpcReply<T> = Reply<T>;

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
