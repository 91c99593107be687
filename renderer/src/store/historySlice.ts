import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { RunDetail, RunSummary } from "../../../agent/runs/RunHistoryApi.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

/** A step's screenshot as the panel holds it: an object URL over the PNG, or why there is none. */
export type StepShot = { readonly url: string } | { readonly error: ErrorInfo };

export interface HistorySlice {
  /** Past runs, newest first; undefined until first loaded. */
  runList?: RunSummary[];
  runListLoading: boolean;
  runListError?: ErrorInfo;
  /** The run opened on the History screen. */
  openedRun?: RunDetail;
  openingRunId?: string;
  openedRunError?: ErrorInfo;
  /** Screenshots by `shotKey(runId, step)`, shared by the Task and History screens. */
  stepShots: Record<string, StepShot>;
  reportError?: ErrorInfo;
  loadRunList(): Promise<void>;
  /** Drops the list when History closes, so the next visit draws what the service has then, not a list that may have failed to draw. */
  forgetRunList(): void;
  /** A run ended: a list on screen is read again, so it shows how the run ended. */
  runListOnRunEnded(): void;
  openRun(runId: string): Promise<void>;
  closeRun(): void;
  /** Fetches a step's screenshot once; later calls for the same step do nothing. */
  loadStepShot(runId: string, step: number): Promise<void>;
  /** The run's self-contained HTML report, or undefined (and reportError) when it cannot be made. */
  fetchReport(runId: string): Promise<string | undefined>;
}

export const shotKey = (runId: string, step: number) => `${runId}#${step}`;

// Full-resolution PNGs add up: keep the most recent ones and let the browser free the rest.
const MAX_SHOTS = 200;

export const createHistorySlice: SliceCreator<HistorySlice> = (client) => (set, get) => {
  const loadingShots = new Set<string>();
  return {
    runListLoading: false,
    stepShots: {},
    async loadRunList() {
      set({ runListLoading: true, runListError: undefined });
      try {
        set({ runList: await client.call("listRuns"), runListLoading: false });
      } catch (error) {
        set({ runListError: ClientError.info(error), runListLoading: false });
      }
    },
    runListOnRunEnded() {
      if (get().runList) void get().loadRunList();
    },
    forgetRunList() {
      set({ runList: undefined, runListError: undefined });
    },
    async openRun(runId) {
      set({ openingRunId: runId, openedRunError: undefined });
      try {
        const detail = await client.call("getRun", runId);
        if (get().openingRunId === runId) set({ openedRun: detail, openingRunId: undefined });
      } catch (error) {
        if (get().openingRunId === runId) set({ openedRunError: ClientError.info(error), openingRunId: undefined });
      }
    },
    closeRun() {
      set({ openedRun: undefined, openedRunError: undefined, openingRunId: undefined });
    },
    async loadStepShot(runId, step) {
      const key = shotKey(runId, step);
      if (get().stepShots[key] || loadingShots.has(key)) return;
      loadingShots.add(key);
      let shot: StepShot;
      try {
        const { png } = await client.call("runScreenshot", runId, step);
        // Copy into a fresh ArrayBuffer-backed array: IPC may hand back a view on a shared buffer.
        shot = { url: URL.createObjectURL(new Blob([new Uint8Array(png)], { type: "image/png" })) };
      } catch (error) {
        shot = { error: ClientError.info(error) };
      } finally {
        loadingShots.delete(key);
      }
      set((s) => ({ stepShots: trimmed({ ...s.stepShots, [key]: shot }) }));
    },
    async fetchReport(runId) {
      set({ reportError: undefined });
      try {
        return (await client.call("runReport", runId)).html;
      } catch (error) {
        set({ reportError: ClientError.info(error) });
        return undefined;
      }
    },
  };
};

/** Drops (and revokes) the oldest screenshots past MAX_SHOTS; insertion order is age. */
function trimmed(shots: Record<string, StepShot>): Record<string, StepShot> {
  const keys = Object.keys(shots);
  if (keys.length <= MAX_SHOTS) return shots;
  const drop = keys.slice(0, keys.length - MAX_SHOTS);
  for (const key of drop) {
    const shot = shots[key];
    if (shot && "url" in shot) URL.revokeObjectURL(shot.url);
  }
  return Object.fromEntries(keys.slice(drop.length).map((k) => [k, shots[k]!]));
}
