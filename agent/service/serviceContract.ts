import type { Display } from "../capture/Display.js";
import type { CaptureResult } from "./DeskPilotService.js";
import type { ActionOutcome } from "../actions/executeAction.js";
import type { ErrorInfo } from "./ServiceEvents.js";

/** Options of `act` as a client sends them. */
export interface ActOptions {
  readonly dryRun?: boolean;
}

/**
 * The service methods clients may call over a transport (Electron IPC, the WebSocket of
 * `deskpilot serve`): arguments as a client sends them and the result. `act` takes the
 * action as `unknown` because the dispatcher validates it against the computer_use schema.
 */
export interface ServiceMethods {
  listDisplays: { args: []; result: Display[] };
  capture: { args: [displayId?: string]; result: CaptureResult };
  act: { args: [action: unknown, options?: ActOptions]; result: ActionOutcome };
}

export type ServiceMethodName = keyof ServiceMethods;

/** Every reply is an envelope, so a service error reaches the client as `{code, message}`. */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
