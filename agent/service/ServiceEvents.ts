import type { Display } from "../geometry/Display.js";
import type { ErrorInfo } from "../errors/ErrorInfo.js";
import type { PermissionGuidance } from "../permissions/PermissionGuidance.js";
import type { ModelProgressEvent } from "../models/modelProgressEvent.js";
import type { RunEvent } from "../loop/RunEvent.js";
import type { MacroEvent } from "../macros/MacroEvent.js";
import type { ConfirmEvent } from "../policy/ConfirmEvent.js";

/**
 * Everything the service tells its clients (Electron renderer, WebSocket panel, CLI). Each feature
 * declares its own events beside its code (RunEvent, ConfirmEvent, ModelProgressEvent,
 * MacroEvent); the service unites them and adds its own few.
 */
export type ServiceEvent =
  | { type: "displays-changed"; displays: Display[] }
  | RunEvent
  /** A run's or a replay's confirmation: `source` says which asked (ConfirmBroker). */
  | ConfirmEvent
  | ModelProgressEvent
  /** What the OS still needs from the user (macOS privacy settings, a Wayland session); empty: nothing. */
  | { type: "permissions"; guidance: PermissionGuidance[] }
  | MacroEvent
  | { type: "error"; error: ErrorInfo };

export type ServiceEventType = ServiceEvent["type"];
export type ServiceEventOf<T extends ServiceEventType> = Extract<ServiceEvent, { type: T }>;
