import type { ComputerAction } from "../actions/ComputerAction.js";

/** Who asked: an agent run (RunsController) or a macro replay (LocalMacros). Clients route a question and its answer by it. */
export type ConfirmSource = "run" | "macro";

/** A confirmation's two events, as the ConfirmBroker emits them for every client of the service. */
export type ConfirmEvent =
  /** A risky action waits for the user: `runId` is the run's, or the replay's run record. */
  | { type: "confirm-request"; source: ConfirmSource; runId: string; requestId: string; action: ComputerAction; reason: string }
  /** A confirmation was settled: answered by some client, or refused because its run or replay stopped. Every client closes its question. */
  | { type: "confirm-answered"; source: ConfirmSource; runId: string; requestId: string; allowed: boolean };
