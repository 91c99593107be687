import type { ComputerAction } from "../actions/ComputerAction.js";
import type { ActionOutcome } from "../actions/executeAction.js";
import type { Display } from "../geometry/Display.js";
import type { ServiceEvent, ServiceEventOf, ServiceEventType } from "./ServiceEvents.js";
import type { RunsApi } from "../loop/RunsApi.js";
import type { GroundingApi } from "../grounding/GroundingService.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";
import type { ConfirmsApi } from "../policy/ConfirmsApi.js";

/** A capture as the service hands it to clients: PNG bytes plus geometry. */
export interface CaptureResult {
  readonly display: Display;
  readonly width: number;
  readonly height: number;
  readonly png: Uint8Array;
  readonly ms: number;
}

/** Eyes: displays and captures. */
export interface ScreenApi {
  listDisplays(): Promise<Display[]>;
  capture(displayId?: string): Promise<CaptureResult>;
}

/** Hands: one action in global logical pixels. */
export interface ActionsApi {
  act(action: ComputerAction, options?: { dryRun?: boolean }): Promise<ActionOutcome>;
}

/** Typed event subscription; returns the function that unsubscribes. */
export interface ServiceEvents {
  on<T extends ServiceEventType>(type: T, listener: (event: ServiceEventOf<T>) => void): () => void;
  onAny(listener: (event: ServiceEvent) => void): () => void;
}

/**
 * The one app service (docs/design.md §1): Electron's main process and `deskpilot serve` are thin
 * transports over it. Each feature issue adds its slice (grounding, models, macros,
 * settings) here as it lands; an implementation declares the slices it provides.
 */
export interface DeskPilotService extends ScreenApi, ActionsApi, GroundingApi, ModelsApi, SettingsApi, RunsApi, ConfirmsApi, ServiceEvents {
  dispose(): Promise<void>;
}

/** What a transport needs at minimum; the other slices are optional (see ServiceSlices and LocalService). */
export type CoreService = ScreenApi & ActionsApi & ServiceEvents & { dispose(): Promise<void> };
