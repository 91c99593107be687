import type { RunsApi } from "../loop/RunsApi.js";
import type { ModelsApi, SettingsApi } from "../models/ModelsApi.js";
import type { MacrosApi } from "../macros/MacrosApi.js";
import type { GroundingApi } from "../grounding/GroundingService.js";
import type { RunHistoryApi } from "../runs/RunHistoryApi.js";
import type { PanelWindows } from "./PanelWindows.js";
import type { ConfirmsApi } from "../policy/ConfirmsApi.js";

type Owned<T> = T & { dispose?(): Promise<void> };

/**
 * The optional slices of the app service (docs/design.md §1), injected into LocalService; a service built
 * without one answers that slice's methods with UNKNOWN_METHOD over a transport. The service owns
 * what it is given and disposes it.
 */
export interface ServiceSlices {
  readonly runs?: Owned<RunsApi>;
  /**
   * The one ConfirmBroker that the runs and macros slices ask through: answerConfirm reaches it,
   * whichever asked (the request's `source` says which, for the clients).
   */
  readonly confirms?: Owned<ConfirmsApi>;
  /** Past runs, read from the run records. */
  readonly history?: Owned<RunHistoryApi>;
  readonly models?: Owned<ModelsApi & SettingsApi>;
  /** Clients name macros; `library` is the folder those names resolve in. */
  readonly macros?: { readonly api: Owned<MacrosApi>; readonly library: string };
  readonly grounding?: Owned<GroundingApi>;
  /** The browser panels' windows, which the agent's runs and replays do not see or act on. */
  readonly panels?: PanelWindows;
}

export type SliceName = keyof ServiceSlices;
