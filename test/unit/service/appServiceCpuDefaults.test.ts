import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TokenBounds } from "../../../agent/frames/TokenBounds.js";
import type { HardwareInfo } from "../../../agent/platform/HardwareInfo.js";
import { createAppService } from "../../../agent/service/createAppService.js";
import type { ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import type { GenerateRequest, GenerateResult, VisionModel } from "../../../agent/vision/VisionModel.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { singleHd } from "../../support/displayLayouts.js";
import { call } from "../loop/support/ScriptedDecider.js";

/** A click on a "Send" button, then done; counts the policy's target questions and the frames it saw. */
class SendClickModel implements VisionModel {
  targetQuestions = 0;
  readonly frames: number[] = [];
  private step = 0;

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const prompt = (request.messages ?? []).map((m) => m.content).join("\n");
    const asksTarget = prompt.includes("Name the user-interface element");
    if (asksTarget) this.targetQuestions++;
    else if (request.image) this.frames.push((request.image.frame.width / 28) * (request.image.frame.height / 28));
    const text = asksTarget
      ? '{"label": "Send", "kind": "button"}'
      : [call({ action: "left_click", coordinate: [300, 200] }), call({ action: "terminate", status: "success" })][Math.min(this.step++, 1)]!;
    return {
      text,
      stopReason: "eog",
      promptTokens: 10,
      imageTokens: 1,
      generatedTokens: 3,
      frame: null,
      timings: { prepareMs: 1, encodeMs: 1, prefillMs: 1, decodeMs: 1, totalMs: 4 },
    };
  }

  async dispose(): Promise<void> {}

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** One run of the app service on a 1920×1080 screen with a local model, on hardware `gpu`. */
async function runOn(gpu: HardwareInfo["gpu"], settings: Record<string, unknown> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "deskpilot-cpudefaults-"));
  const files = { model: join(dir, "model.gguf"), mmproj: join(dir, "mmproj.gguf") };
  await writeFile(files.model, "scripted");
  await writeFile(files.mmproj, "scripted");
  await writeFile(
    join(dir, "settings.json"),
    JSON.stringify({ version: 2, model: { id: "qwen2.5-vl-3b", files }, policy: { confirmRisky: true, ...(settings.policy as object) }, ...settings }),
  );
  const model = new SendClickModel();
  const loads: TokenBounds[] = [];
  const lines: string[] = [];
  const service = createAppService({
    screen: new FakeScreenSource(singleHd, () => [240, 240, 240]),
    input: new FakeInputDriver({ x: 5, y: 5 }),
    env: { DESKPILOT_HOME: dir },
    hardware: async () => ({ gpu }),
    log: (line) => lines.push(line),
    openModel: async (_source, bounds) => (loads.push(bounds), model),
  });
  try {
    const confirms: ServiceEventOf<"confirm-request">[] = [];
    service.on("confirm-request", (e) => (confirms.push(e), void service.answerConfirm(e.requestId, true)));
    const { runId } = await service.startRun("send the message");
    await new Promise<void>((resolve) => {
      const stop = service.on("run-state", (e) => e.runId === runId && e.state === "finished" && (stop(), resolve()));
    });
    const runDir = join(dir, "runs", readdirSync(join(dir, "runs"))[0]!);
    const start = JSON.parse(readFileSync(join(runDir, "run.jsonl"), "utf8").split("\n")[0]!) as { settings: { cpuDefaults?: string[]; bounds: TokenBounds } };
    return { model, loads, lines, confirms, start };
  } finally {
    await service.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the app service resolves CPU-only defaults for a run", () => {
  test("no GPU: the model loads and frames are prepared at the CPU maximum, no image inspectors, said on stderr and in the run record", async () => {
    const r = await runOn(false);
    assert.deepEqual(r.loads, [{ minImageTokens: 1024, maxImageTokens: 1024 }]);
    assert.ok(r.model.frames.length > 0 && r.model.frames.every((t) => t <= 1024), `frames: ${r.model.frames.join(", ")} tokens`);
    assert.equal(r.model.targetQuestions, 0, "no generation to inspect the click's target");
    assert.match(r.lines.join("\n"), /no GPU found: CPU defaults for this run: at most 1024 image tokens/);
    assert.equal(r.start.settings.cpuDefaults?.length, 2);
    assert.equal(r.start.settings.bounds.maxImageTokens, 1024);
  });

  test("a GPU: the built-in defaults, and the run's model inspects the Send button's target", async () => {
    const r = await runOn("cuda");
    assert.deepEqual(r.loads, [{ minImageTokens: 1024, maxImageTokens: 4096 }]);
    assert.ok(
      r.model.frames.some((t) => t > 1024),
      `frames: ${r.model.frames.join(", ")} tokens`,
    );
    assert.equal(r.model.targetQuestions, 1);
    assert.deepEqual(r.lines, []);
    assert.deepEqual(r.start.settings.cpuDefaults, []);
  });

  test("no GPU but explicit settings: the user's maximum and inspectors stay", async () => {
    const r = await runOn(false, { imageTokens: { min: 1024, max: 2048 }, policy: { inspect: true } });
    assert.deepEqual(r.loads, [{ minImageTokens: 1024, maxImageTokens: 2048 }]);
    assert.equal(r.model.targetQuestions, 1);
    assert.deepEqual(r.lines, []);
  });
});
