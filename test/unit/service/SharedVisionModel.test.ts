import { test } from "node:test";
import assert from "node:assert/strict";
import { SharedVisionModel, type SelectedModel } from "../../../agent/service/SharedVisionModel.js";
import type { GenerateResult, VisionModel } from "../../../agent/vision/VisionModel.js";

class CountedModel implements VisionModel {
  disposed = false;
  constructor(readonly gpuLayers: unknown) {}
  async generate(): Promise<GenerateResult> {
    if (this.disposed) throw new Error("disposed");
    return {
      text: String(this.gpuLayers),
      stopReason: "eog",
      promptTokens: 1,
      imageTokens: 0,
      generatedTokens: 1,
      frame: null,
      timings: { prepareMs: 0, encodeMs: 0, prefillMs: 0, decodeMs: 0, totalMs: 0 },
    };
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

function fixture() {
  let selected: SelectedModel = {
    source: { kind: "local", modelPath: "m.gguf", mmprojPath: "p.gguf", gpuLayers: "auto" },
    bounds: { minImageTokens: 1024, maxImageTokens: 4096 },
  };
  const opened: CountedModel[] = [];
  let fail = false;
  const shared = new SharedVisionModel(
    async () => selected,
    async (source) => {
      if (fail) throw new Error("no such file");
      const model = new CountedModel(source.kind === "local" ? source.gpuLayers : undefined);
      opened.push(model);
      return model;
    },
  );
  return {
    shared,
    opened,
    select: (patch: Partial<Extract<SelectedModel["source"], { kind: "local" }>>) =>
      (selected = { ...selected, source: { ...selected.source, ...patch } as SelectedModel["source"] }),
    failNext: (v: boolean) => (fail = v),
  };
}

test("a held model is not reloaded under its borrower: the change applies once it is given back", async () => {
  const f = fixture();
  const run = await f.shared.borrow();
  f.select({ gpuLayers: 10 });
  const meanwhile = await f.shared.borrow();
  assert.equal((await meanwhile.model.generate({})).text, "auto", "served by the loaded model while the run holds it");
  meanwhile.release();
  assert.equal(f.opened.length, 1);
  await run.model.dispose(); // the run ends: its decider disposes what it borrowed
  assert.equal(f.opened[0]!.disposed, false, "giving it back does not unload it");
  const next = await f.shared.borrow();
  assert.equal((await next.model.generate({})).text, "10");
  assert.equal(f.opened.length, 2);
  assert.equal(f.opened[0]!.disposed, true, "the old copy went before the new one loaded");
  next.release();
  await f.shared.dispose();
  assert.equal(f.opened[1]!.disposed, true);
});

test("concurrent first borrows share one load; a failed load is tried again by the next borrow", async () => {
  const f = fixture();
  f.failNext(true);
  await assert.rejects(f.shared.borrow(), /no such file/);
  assert.equal(f.shared.loaded(), undefined);
  f.failNext(false);
  const [a, b] = await Promise.all([f.shared.borrow(), f.shared.borrow()]);
  assert.equal(f.opened.length, 1);
  assert.ok(f.shared.loaded());
  a.release();
  b.release();
  b.release(); // idempotent
  await f.shared.dispose();
});

test("the last borrower to give up while the model loads cancels the load; while others wait, it goes on", async () => {
  const signals: AbortSignal[] = [];
  const models: CountedModel[] = [];
  let finish: (() => void) | undefined;
  const selected: SelectedModel = {
    source: { kind: "local", modelPath: "m.gguf", mmprojPath: "p.gguf" },
    bounds: { minImageTokens: 1024, maxImageTokens: 4096 },
  };
  // A load that takes until `finish()` or its signal aborts, as a real engine host's does.
  const shared = new SharedVisionModel(
    async () => selected,
    (_source, _bounds, signal) =>
      new Promise<VisionModel>((resolve, reject) => {
        signals.push(signal);
        signal.addEventListener("abort", () => reject(Object.assign(new Error("loading the model was cancelled"), { code: "ABORTED" })), { once: true });
        finish = () => {
          const m = new CountedModel("loaded");
          models.push(m);
          resolve(m);
        };
      }),
  );
  const stopped = new AbortController();
  const run = shared.borrow(stopped.signal);
  await new Promise((r) => setTimeout(r, 10));
  stopped.abort();
  await assert.rejects(run, { code: "ABORTED" });
  assert.equal(signals[0]!.aborted, true, "nobody waits for the load any more: it was cancelled");

  const first = new AbortController();
  const a = shared.borrow(first.signal);
  const b = shared.borrow();
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(signals.length, 2, "the next borrow loads again");
  first.abort();
  await assert.rejects(a, { code: "ABORTED" });
  assert.equal(signals[1]!.aborted, false, "another borrower still waits: the load goes on");
  finish!();
  const lease = await b;
  assert.equal(models.length, 1);
  lease.release();
  await shared.dispose();
});

test("a borrower that gives up while the model loads leaves the load to the others", async () => {
  const f = fixture();
  const controller = new AbortController();
  const giving = f.shared.borrow(controller.signal);
  controller.abort();
  await assert.rejects(giving, { code: "ABORTED" });
  const other = await f.shared.borrow();
  assert.equal(f.opened.length, 1);
  assert.equal(f.opened[0]!.disposed, false);
  other.release();
  await f.shared.dispose();
});

test("a borrow that waits for the local model to load says so (a run's loading phase); one served by the loaded model does not", async () => {
  let selected: SelectedModel = {
    source: { kind: "local", modelPath: "m.gguf", mmprojPath: "p.gguf" },
    bounds: { minImageTokens: 1024, maxImageTokens: 4096 },
  };
  // Loading takes a while, as a real one does.
  const shared = new SharedVisionModel(
    async () => selected,
    async (source) => (await new Promise((r) => setTimeout(r, 30)), new CountedModel(source.kind)),
  );
  const told: string[] = [];
  const first = await shared.borrow(undefined, (source) => told.push(source.modelPath));
  assert.deepEqual(told, ["m.gguf"], "the first borrow waits for the load");
  first.release();
  (await shared.borrow(undefined, (source) => told.push(`again ${source.modelPath}`))).release();
  assert.deepEqual(told, ["m.gguf"], "loaded already: nothing to wait for");
  selected = { ...selected, source: { kind: "remote", endpoint: "http://127.0.0.1:9/v1", model: "qwen" } };
  const remote = await shared.borrow(undefined, (source) => told.push(`remote ${source.modelPath}`));
  assert.equal((await remote.model.generate({})).text, "remote", "the endpoint's model serves now");
  assert.deepEqual(told, ["m.gguf"], "a remote endpoint has nothing to load");
});
