import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { EngineCrashedError } from "../../agent/vision/errors/EngineCrashedError.js";
import { GenerationAbortedError } from "../../agent/vision/errors/GenerationAbortedError.js";
import { ModelDisposedError } from "../../agent/vision/errors/ModelDisposedError.js";
import { skipWithoutAddon, tinyModel } from "./support/tinyModel.js";

const skip = skipWithoutAddon();
const LONG = { prompt: "Once upon a time", maxTokens: 3000 };

describe("the engine host process (crash isolation, queueing, cancel, dispose)", { skip }, () => {
  let model: HostedVisionModel;
  before(async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    model = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false });
  });
  after(() => model?.dispose());

  test("killing the host mid-request gives a clear error, and the next request reloads and succeeds", async () => {
    const pid = model.loaded!.pid;
    let killed = false;
    const request = model.generate({
      ...LONG,
      onToken: () => {
        if (!killed) process.kill(pid, "SIGKILL");
        killed = true;
      },
    });
    await assert.rejects(request, (e: unknown) => e instanceof EngineCrashedError && /SIGKILL/.test(e.message) && e.code === "ENGINE_CRASHED");
    const again = await model.generate({ prompt: "Hello", maxTokens: 4 });
    assert.equal(again.generatedTokens, 4);
    assert.notEqual(model.loaded!.pid, pid);
  });

  test("cancelling mid-generation returns promptly and leaves the model usable", async () => {
    const controller = new AbortController();
    let tokens = 0;
    const started = performance.now();
    const request = model.generate({
      ...LONG,
      signal: controller.signal,
      onToken: () => {
        if (++tokens === 5) controller.abort();
      },
    });
    await assert.rejects(request, GenerationAbortedError);
    assert.ok(performance.now() - started < 5000, "cancel took too long");
    assert.ok(tokens < 100, `generation went on for ${tokens} tokens after the abort`);
    const after = await model.generate({ prompt: "Hello", maxTokens: 4 });
    assert.equal(after.generatedTokens, 4);
  });

  test("an already-aborted signal rejects without running", async () => {
    await assert.rejects(model.generate({ prompt: "x", maxTokens: 4, signal: AbortSignal.abort() }), GenerationAbortedError);
  });

  test("concurrent requests are queued, not corrupted", async () => {
    const a = { prompt: "The capital of France is", maxTokens: 16 };
    const b = { prompt: "1, 2, 3, 4,", maxTokens: 16 };
    const [soloA, soloB] = [await model.generate(a), await model.generate(b)];
    const both = await Promise.all([model.generate(a), model.generate(b), model.generate(a)]);
    assert.deepEqual(
      both.map((r) => r.text),
      [soloA.text, soloB.text, soloA.text],
    );
  });

  test("dispose during a request cancels it; queued requests are refused", async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    const m = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 4096, warmup: false });
    let disposing: Promise<void> | undefined;
    const running = m.generate({
      ...LONG,
      onToken: () => {
        disposing ??= m.dispose();
      },
    });
    const queued = m.generate({ prompt: "x", maxTokens: 2 });
    await assert.rejects(running, ModelDisposedError);
    await assert.rejects(queued, ModelDisposedError);
    await disposing;
  });

  test("dispose twice is harmless; a request after dispose gets a clear error", async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    const m = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 1024, warmup: false });
    const pid = m.loaded!.pid;
    await m.dispose();
    await m.dispose();
    await assert.rejects(m.generate({ prompt: "x", maxTokens: 2 }), (e: unknown) => e instanceof ModelDisposedError && e.code === "MODEL_DISPOSED");
    assert.throws(() => process.kill(pid, 0), "the host process should be gone");
  });
});

describe("loading", { skip }, () => {
  test("an AbortSignal stops a load; gpuLayers auto resolves to 0 without a GPU", async () => {
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    const controller = new AbortController();
    const loading = HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: "auto", contextSize: 1024, warmup: false, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(loading, GenerationAbortedError);
    const m = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers: "auto", contextSize: 1024, warmup: false });
    try {
      const hasGpu = m.loaded!.devices.some((d) => d.type === "gpu" || d.type === "igpu");
      assert.equal(m.loaded!.gpuLayers, hasGpu ? -1 : 0);
    } finally {
      await m.dispose();
    }
  });
});
