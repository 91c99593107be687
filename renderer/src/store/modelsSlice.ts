import type { ErrorInfo, ServiceEvent } from "../../../electron/shared/ipcContract.js";
import type { ModelList } from "../../../agent/models/ModelsApi.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

/** Where a pull is, as the service says (model-progress `phase`). */
export type DownloadPhase = Extract<ServiceEvent, { type: "model-progress" }>["phase"];

/** A download as the panel shows it: phase and bytes from the service's events, speed and ETA measured here. */
export interface DownloadState {
  readonly phase: DownloadPhase;
  readonly receivedBytes: number;
  readonly totalBytes: number;
  /** Smoothed; 0 until two reports are apart in time. */
  readonly bytesPerSecond: number;
  /** Seconds left at that speed; undefined until the speed is known. */
  readonly etaSeconds: number | undefined;
  readonly cancelling: boolean;
  /** When the speed was last sampled (ms, performance clock) and the bytes then. */
  readonly sampledAt: number;
  readonly sampledBytes: number;
}

/** What happened to the last pull, remove or use of one model. */
export type ModelOutcome = { readonly kind: "error"; readonly error: ErrorInfo } | { readonly kind: "note"; readonly text: string };

export interface ModelsSlice {
  /** Undefined until the first answer. */
  modelList?: ModelList;
  modelsLoading: boolean;
  modelsError?: ErrorInfo;
  downloads: Readonly<Record<string, DownloadState>>;
  modelOutcomes: Readonly<Record<string, ModelOutcome>>;
  /** A model is being selected or removed: its buttons wait. */
  modelBusy: Readonly<Record<string, boolean>>;
  useFilesError?: ErrorInfo;
  useFilesBusy: boolean;
  loadModels(): Promise<void>;
  pullModel(id: string, quant?: string): Promise<void>;
  cancelPull(id: string): Promise<void>;
  removeModel(id: string): Promise<void>;
  chooseModel(id: string, quant?: string): Promise<void>;
  /** "Use these files": a text model and its mmproj on the DeskPilot machine; the service verifies them. */
  chooseModelFiles(model: string, mmproj: string): Promise<boolean>;
  onModelProgress(event: Extract<ServiceEvent, { type: "model-progress" }>): void;
}

// Reports closer together than this say more about the event loop than the network.
const SAMPLE_MS = 250;

/** The next download state after a progress report at `now` (pure: speed is smoothed, ETA follows from it). */
export function meterDownload(prev: DownloadState | undefined, phase: DownloadPhase, receivedBytes: number, totalBytes: number, now: number): DownloadState {
  if (!prev || receivedBytes < prev.sampledBytes) {
    return {
      phase,
      receivedBytes,
      totalBytes,
      bytesPerSecond: 0,
      etaSeconds: undefined,
      cancelling: prev?.cancelling ?? false,
      sampledAt: now,
      sampledBytes: receivedBytes,
    };
  }
  const elapsed = now - prev.sampledAt;
  if (elapsed < SAMPLE_MS) return { ...prev, phase, receivedBytes, totalBytes, etaSeconds: eta(prev.bytesPerSecond, receivedBytes, totalBytes) };
  const instant = ((receivedBytes - prev.sampledBytes) * 1000) / elapsed;
  const bytesPerSecond = prev.bytesPerSecond === 0 ? instant : 0.7 * prev.bytesPerSecond + 0.3 * instant;
  return {
    ...prev,
    phase,
    receivedBytes,
    totalBytes,
    bytesPerSecond,
    etaSeconds: eta(bytesPerSecond, receivedBytes, totalBytes),
    sampledAt: now,
    sampledBytes: receivedBytes,
  };
}

function eta(speed: number, received: number, total: number): number | undefined {
  return speed > 0 && total > 0 ? Math.max(0, (total - received) / speed) : undefined;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = record;
  return rest;
}

// A pull this panel did not start (another window, or this page reloaded mid-download) sends no
// answer here: its bar goes shortly after its `done` event, or after a long silence.
const FOREIGN_DONE_MS = 1500;
const FOREIGN_SILENT_MS = 20_000;

export const createModelsSlice: SliceCreator<ModelsSlice> = (client) => (set, get) => {
  const ownPulls = new Set<string>();
  const foreignTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const outcome = (id: string, o: ModelOutcome | undefined) =>
    set((s) => ({ modelOutcomes: o ? { ...s.modelOutcomes, [id]: o } : without(s.modelOutcomes, id) }));
  const busy = async (id: string, job: () => Promise<void>) => {
    set((s) => ({ modelBusy: { ...s.modelBusy, [id]: true } }));
    outcome(id, undefined);
    try {
      await job();
    } catch (error) {
      outcome(id, { kind: "error", error: ClientError.info(error) });
    } finally {
      set((s) => ({ modelBusy: without(s.modelBusy, id) }));
    }
  };

  return {
    modelsLoading: false,
    downloads: {},
    modelOutcomes: {},
    modelBusy: {},
    useFilesBusy: false,

    async loadModels() {
      set({ modelsLoading: true });
      try {
        set({ modelList: await client.call("listModels"), modelsLoading: false, modelsError: undefined });
      } catch (error) {
        set({ modelsError: ClientError.info(error), modelsLoading: false });
      }
    },

    async pullModel(id, quant) {
      outcome(id, undefined);
      ownPulls.add(id);
      clearTimeout(foreignTimers.get(id));
      set((s) => ({ downloads: { ...s.downloads, [id]: meterDownload(undefined, "checking", 0, 0, performance.now()) } }));
      try {
        const installed = await client.call("pullModel", id, quant ? { quant } : undefined);
        outcome(id, { kind: "note", text: `Downloaded and verified ${installed.quant} (${installed.model.name} and ${installed.mmproj.name}).` });
      } catch (error) {
        const info = ClientError.info(error);
        outcome(
          id,
          info.code === "DOWNLOAD_CANCELLED" ? { kind: "note", text: "Download cancelled; no partial file was kept." } : { kind: "error", error: info },
        );
      } finally {
        ownPulls.delete(id);
        set((s) => ({ downloads: without(s.downloads, id) }));
        await get().loadModels();
      }
    },

    async cancelPull(id) {
      const d = get().downloads[id];
      if (d) set((s) => ({ downloads: { ...s.downloads, [id]: { ...d, cancelling: true } } }));
      try {
        await client.call("cancelPull", id);
      } catch (error) {
        outcome(id, { kind: "error", error: ClientError.info(error) });
      }
    },

    removeModel: (id) =>
      busy(id, async () => {
        const removed = await client.call("removeModel", id);
        outcome(id, { kind: "note", text: removed ? "Removed; its files are deleted." : "Nothing to remove: it was not downloaded." });
        await get().loadModels();
      }),

    chooseModel: (id, quant) =>
      busy(id, async () => {
        await client.call("useModel", quant ? { id, quant } : { id });
        await get().loadModels();
      }),

    async chooseModelFiles(model, mmproj) {
      set({ useFilesBusy: true, useFilesError: undefined });
      try {
        await client.call("useModel", { model, mmproj });
        await get().loadModels();
        return true;
      } catch (error) {
        set({ useFilesError: ClientError.info(error) });
        return false;
      } finally {
        set({ useFilesBusy: false });
      }
    },

    onModelProgress(event) {
      const id = event.modelId;
      // Also a pull another client (or a reloaded page) started: the bar shows whoever began it.
      set((s) => ({
        downloads: { ...s.downloads, [id]: meterDownload(s.downloads[id], event.phase, event.receivedBytes, event.totalBytes, performance.now()) },
      }));
      if (ownPulls.has(id)) return;
      clearTimeout(foreignTimers.get(id));
      foreignTimers.set(
        id,
        setTimeout(
          () => {
            foreignTimers.delete(id);
            if (ownPulls.has(id)) return;
            set((s) => ({ downloads: without(s.downloads, id) }));
            void get().loadModels();
          },
          event.phase === "done" ? FOREIGN_DONE_MS : FOREIGN_SILENT_MS,
        ),
      );
    },
  };
};
