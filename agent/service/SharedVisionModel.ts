import type { TokenBounds } from "../frames/TokenBounds.js";
import { GenerationAbortedError } from "../vision/errors/GenerationAbortedError.js";
import type { GenerateRequest, GenerateResult, VisionModel } from "../vision/VisionModel.js";
import type { LoadableSource } from "./selectedModelSource.js";

/** The model the settings select now, and the image-token bounds it loads with. */
export interface SelectedModel {
  readonly source: LoadableSource;
  readonly bounds: TokenBounds;
}

/** One borrower's use of the app's model: `model.dispose()` (or `release()`) gives it back and never unloads it. */
export interface ModelLease extends SelectedModel {
  readonly model: VisionModel;
  release(): void;
}

interface Slot extends SelectedModel {
  readonly key: string;
  readonly model: Promise<VisionModel>;
  readonly abort: AbortController;
  leases: number;
  ready?: VisionModel;
  /** Its load was cancelled because every borrower waiting for it gave up. */
  abandoned?: boolean;
}

/**
 * The app's one loaded model (issue 12, defect 6): runs, grounding, ask and macros borrow it
 * instead of each loading a copy into its own engine host. It loads on the first borrow and
 * again only when a setting that shapes it changes (files, endpoint, GPU layers, context size,
 * threads, image-token bounds); a changed setting waits until no borrower holds the model, so a
 * running run keeps its model and a request meanwhile is served by the loaded one. Requests on it
 * are serialized by the model itself (HostedVisionModel queues them).
 */
export class SharedVisionModel {
  private slot: Slot | undefined;
  private switching: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly select: () => Promise<SelectedModel>,
    private readonly open: (source: LoadableSource, bounds: TokenBounds, signal: AbortSignal) => Promise<VisionModel>,
  ) {}

  /**
   * Borrows the model the settings select, loading (or reloading) it when needed. `onLoading` is
   * told, before the wait, when this borrow waits for a local model to load (a run's "loading the model").
   */
  async borrow(signal?: AbortSignal, onLoading?: (source: Extract<LoadableSource, { kind: "local" }>) => void): Promise<ModelLease> {
    if (this.disposed) throw new Error("the app's model is disposed");
    const selected = await this.select();
    const step = this.switching.then(() => this.slotFor(selected));
    this.switching = step.catch(() => undefined);
    const slot = await step;
    if (!slot.ready && slot.source.kind === "local") onLoading?.(slot.source);
    slot.leases++;
    let model: VisionModel;
    try {
      model = await untilAborted(slot.model, signal);
    } catch (error) {
      slot.leases--;
      // The last borrower waiting gave up (a run stopped while its model loaded): nobody wants
      // this load any more, so it is cancelled and its memory freed; the next borrow loads again.
      if (signal?.aborted && slot.leases === 0 && !slot.ready && this.slot === slot) {
        this.slot = undefined;
        slot.abandoned = true;
        slot.abort.abort();
      }
      // A borrower that reached this slot as it was abandoned asks again rather than failing.
      if (slot.abandoned && !signal?.aborted) return this.borrow(signal, onLoading);
      throw error;
    }
    return lease(slot, model);
  }

  /** The model when it has loaded already (and until disposed), else undefined; never starts a load. */
  loaded(): (SelectedModel & { readonly model: VisionModel }) | undefined {
    const slot = this.slot;
    return slot?.ready ? { source: slot.source, bounds: slot.bounds, model: slot.ready } : undefined;
  }

  /** Unloads the model (borrowers' requests in flight are cancelled). Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.switching;
    await this.unload();
  }

  private async slotFor(selected: SelectedModel): Promise<Slot> {
    const key = shapeKey(selected);
    const current = this.slot;
    if (current && (current.key === key || current.leases > 0)) return current;
    await this.unload();
    if (this.disposed) throw new Error("the app's model is disposed");
    const abort = new AbortController();
    const slot: Slot = { ...selected, key, abort, leases: 0, model: this.open(selected.source, selected.bounds, abort.signal) };
    this.slot = slot;
    slot.model.then(
      (m) => void (slot.ready = m),
      () => void (this.slot === slot && (this.slot = undefined)), // the next borrow tries again
    );
    return slot;
  }

  private async unload(): Promise<void> {
    const slot = this.slot;
    this.slot = undefined;
    if (!slot) return;
    slot.abort.abort();
    await slot.model.then(
      (m) => m.dispose(),
      () => undefined,
    );
  }
}

/** What makes two selections the same loaded model: every field of the source and the bounds. */
function shapeKey(selected: SelectedModel): string {
  const sorted = (o: object) =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return JSON.stringify([sorted(selected.source), sorted(selected.bounds)]);
}

function lease(slot: Slot, model: VisionModel): ModelLease {
  let held = true;
  const release = () => {
    if (held) slot.leases--;
    held = false;
  };
  const borrowed: VisionModel = {
    get contextSize() {
      return model.contextSize;
    },
    get frameFactor() {
      return model.frameFactor;
    },
    generate: (request: GenerateRequest): Promise<GenerateResult> => model.generate(request),
    dispose: async () => release(),
    [Symbol.asyncDispose]: async () => release(),
  };
  return { source: slot.source, bounds: slot.bounds, model: borrowed, release };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new GenerationAbortedError("loading the model was cancelled", { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new GenerationAbortedError("loading the model was cancelled", { cause: signal.reason }));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
