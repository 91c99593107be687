import type { ComputerAction } from "../actions/ComputerAction.js";
import type { ActionOutcome } from "../actions/executeAction.js";
import type { Display } from "../geometry/Display.js";
import type { RunState, ServiceEvent, ServiceEventOf, ServiceEventType } from "./ServiceEvents.js";
import type { GroundingApi } from "../grounding/GroundingService.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";
import type { RunPhase } from "../loop/stepPhases.js";
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

/** A run still going, as a client that (re)connects takes it over: its task, state, and the questions waiting for the user. */
export interface ActiveRun {
  readonly runId: string;
  readonly task: string;
  readonly state: RunState;
  readonly dryRun: boolean;
  /** Its open policy confirmations, oldest first: what its `confirm-request` events asked. */
  readonly confirms: readonly { readonly requestId: string; readonly action: ComputerAction; readonly reason: string }[];
  /** What it does now (its last `run-phase` event) and for how long already, ms. */
  readonly phase?: { readonly phase: RunPhase; readonly step?: number; readonly detail?: string; readonly elapsedMs: number };
  /** The screen it works on (its last `run-frame` event). */
  readonly frame?: { readonly step: number; readonly image: string; readonly width: number; readonly height: number };
}

/** The agent loop (filled by the agent-loop issue). */
export interface RunsApi {
  startRun(task: string, options?: { maxSteps?: number; dryRun?: boolean }): Promise<{ runId: string }>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  stopRun(runId: string): Promise<void>;
  runState(runId: string): Promise<RunState>;
  /** The runs not finished yet, with their open confirmations (a reloaded panel takes them over). */
  activeRuns(): Promise<ActiveRun[]>;
}

/** Typed event subscription; returns the function that unsubscribes. */
export interface ServiceEvents {
  on<T extends ServiceEventType>(type: T, listener: (event: ServiceEventOf<T>) => void): () => void;
  onAny(listener: (event: ServiceEvent) => void): () => void;
}

/**
 * The one app service (DESIGN §1): Electron's main process and `deskpilot serve` are thin
 * transports over it. Each feature issue adds its slice (grounding, models, macros,
 * settings) here as it lands; an implementation declares the slices it provides.
 */
export interface DeskPilotService
  extends ScreenApi, ActionsApi, GroundingApi, ModelsApi, SettingsApi, RunsApi, ConfirmsApi, ServiceEvents {
  dispose(): Promise<void>;
}

/** What a transport needs at minimum; the other slices are optional (see ServiceSlices and LocalService). */
export type CoreService = ScreenApi & ActionsApi & ServiceEvents & { dispose(): Promise<void> };
