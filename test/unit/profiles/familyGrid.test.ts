import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelSourceFromFlags } from "../../../agent/cli/commands/groundingFlags.js";
import { openVisionModel } from "../../../agent/service/createGrounder.js";
import { prepareFrame } from "../../../agent/frames/prepareFrame.js";
import { VisionModelAnswerer } from "../../../agent/grounding/VisionModelAnswerer.js";
import { ModelDecider } from "../../../agent/loop/ModelDecider.js";
import { GgufValueType } from "../../../agent/gguf/GgufValueType.js";
import { GgufWriter } from "../../../agent/gguf/GgufWriter.js";
import { FAMILY_OF_PROJECTOR, familyOfMmproj, familyOfProjectorType } from "../../../agent/profiles/familyOfProjector.js";
import { VISION_ARCHITECTURES } from "../../../agent/vision/visionArchitectures.js";
import { getProfile } from "../../../agent/profiles/profileRegistry.js";
import { SharedVisionModel } from "../../../agent/service/SharedVisionModel.js";
import type { GenerateRequest, GenerateResult, VisionModel } from "../../../agent/vision/VisionModel.js";
import { loopHarness } from "../loop/support/loopHarness.js";

/** A model on a given grid that answers one fixed text at the frame it was handed. */
class GridModel implements VisionModel {
  readonly requests: GenerateRequest[] = [];
  constructor(
    readonly frameFactor: number | undefined,
    private readonly text: string,
  ) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    const f = request.image?.frame;
    return {
      text: this.text,
      stopReason: "eog",
      promptTokens: 1,
      imageTokens: f?.tokens ?? 0,
      generatedTokens: 1,
      frame: f ? { width: f.width, height: f.height } : null,
      timings: { prepareMs: 0, encodeMs: 0, prefillMs: 0, decodeMs: 0, totalMs: 1 },
    };
  }
  async dispose(): Promise<void> {}
  async [Symbol.asyncDispose](): Promise<void> {}
}

const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;
const image = (width: number, height: number) => ({ data: new Uint8Array(width * height * 3).fill(90), width, height, channels: 3 as const });

describe("the model family's grid reaches every frame: Qwen3-VL's 32 px, Qwen2.5-VL's 28", () => {
  test("the loop prepares each screenshot on the decider's grid: 1280×800 at 64…256 tokens is 20×12 cells of 32 px (640×384), not 560×336", async () => {
    // 1280×800 → 40×25 = 1000 cells > 256, so β = √(1280·800 / (256·32²)) ≈ 1.976: 800/β/32 = 12.6 → 12, 1280/β/32 = 20.2 → 20.
    const model = new GridModel(32, call({ action: "terminate", status: "success" }));
    const decider = new ModelDecider(model, { grammar: false, profile: getProfile("qwen3-vl") });
    const h = loopHarness([], {}, { decider });
    assert.equal((await h.run()).status, "success");
    assert.deepEqual(model.requests[0]!.image!.frame, { width: 640, height: 384, tokens: 240 });
    assert.deepEqual(h.steps()[0]!.frame, { width: 640, height: 384 });
  });

  test("a Qwen3-VL click at (500, 500) of its 0–1000 space lands on the screen's centre", async () => {
    const model = new GridModel(32, call({ action: "left_click", coordinate: [500, 500] }));
    const decider = new ModelDecider(model, { grammar: false, profile: getProfile("qwen3-vl") });
    const h = loopHarness([], { maxSteps: 1 }, { decider });
    await h.run();
    assert.deepEqual(h.input.calls[0], { kind: "click", at: { x: 640, y: 400 }, button: "left", count: 1 });
  });

  test("a loaded Qwen3-VL projector spoken to as Qwen2.5-VL is refused before any request, naming the family that fits", () => {
    const model = new GridModel(32, "");
    assert.throws(
      () => new ModelDecider(model, { grammar: false, profile: getProfile("qwen2.5-vl") }),
      (e: Error & { code?: string }) =>
        e.code === "MODEL_FAMILY_MISMATCH" && /32-px grid/.test(e.message) && /qwen3-vl/.test(e.message) && /--profile/.test(e.message),
    );
    assert.throws(
      () => new VisionModelAnswerer(new GridModel(28, ""), undefined, true, getProfile("qwen3-vl")),
      (e: Error & { code?: string }) => e.code === "MODEL_FAMILY_MISMATCH" && /qwen2\.5-vl or ui-tars-1\.5/.test(e.message),
    );
    assert.equal(model.requests.length, 0);
  });

  test("grounding frames: the answerer's bounds carry the loaded model's grid, so a 1920×1080 capture becomes 1920×1088 (60×34 cells)", async () => {
    const answerer = new VisionModelAnswerer(new GridModel(32, ""), { minImageTokens: 1024, maxImageTokens: 4096 }, true, getProfile("qwen3-vl"));
    assert.equal(answerer.bounds.factor, 32);
    const prepared = await prepareFrame(image(1920, 1080), answerer.bounds);
    assert.deepEqual(prepared.frame, { width: 1920, height: 1088, tokens: 2040 });
    // Qwen2.5-VL's: 1920/28 = 68.6 → 69, 1080/28 = 38.6 → 39 cells: 1932×1092.
    const qwen25 = new VisionModelAnswerer(new GridModel(28, ""), { minImageTokens: 1024, maxImageTokens: 4096 }, true, getProfile("qwen2.5-vl"));
    assert.deepEqual((await prepareFrame(image(1920, 1080), qwen25.bounds)).frame, { width: 1932, height: 1092, tokens: 2691 });
  });

  test("a remote endpoint's model encodes on its family's grid", async () => {
    const bounds = { minImageTokens: 1024, maxImageTokens: 4096 };
    const remote = (profile?: "qwen3-vl" | "ui-tars-1.5") =>
      openVisionModel({ kind: "remote", endpoint: "http://127.0.0.1:9/v1", model: "m", ...(profile ? { profile } : {}) }, bounds);
    assert.equal((await remote("qwen3-vl")).frameFactor, 32);
    assert.equal((await remote("ui-tars-1.5")).frameFactor, 28);
    assert.equal((await remote()).frameFactor, 28);
  });

  test("the app's shared model lends its grid with it", async () => {
    const shared = new SharedVisionModel(
      async () => ({ source: { kind: "remote", endpoint: "http://127.0.0.1:9/v1", model: "m" }, bounds: { minImageTokens: 64, maxImageTokens: 256 } }),
      async () => new GridModel(32, ""),
    );
    const lease = await shared.borrow();
    assert.equal(lease.model.frameFactor, 32);
    lease.release();
    await shared.dispose();
  });

  test("files named without a profile take their projector's family: qwen3vl_merger is Qwen3-VL, qwen2.5vl_merger Qwen2.5-VL", () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-family-"));
    try {
      const write = (name: string, projector: string) => {
        const path = join(dir, name);
        new GgufWriter().add("general.architecture", GgufValueType.STRING, "clip").add("clip.projector_type", GgufValueType.STRING, projector).write(path);
        return path;
      };
      assert.equal(familyOfMmproj(write("a.gguf", "qwen3vl_merger")), "qwen3-vl");
      assert.equal(familyOfMmproj(write("b.gguf", "qwen2.5vl_merger")), "qwen2.5-vl");
      assert.equal(familyOfMmproj(write("c.gguf", "gemma3")), undefined);
      assert.equal(familyOfMmproj(join(dir, "missing.gguf")), undefined);
      // `--model/--mmproj` without --profile: the projector decides; an explicit --profile is kept.
      const flags = { model: join(dir, "text.gguf"), mmproj: write("d.gguf", "qwen3vl_merger"), minImageTokens: "1024", maxImageTokens: "4096" };
      assert.equal((modelSourceFromFlags(flags).source as { profile?: string }).profile, "qwen3-vl");
      assert.equal((modelSourceFromFlags({ ...flags, profile: "ui-tars-1.5" }).source as { profile?: string }).profile, "ui-tars-1.5");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("every projector the engine runs has a family profile, and every family profile names a projector the engine runs", () => {
  for (const a of VISION_ARCHITECTURES)
    assert.ok(FAMILY_OF_PROJECTOR[a.projector], `${a.label} (${a.projector}) has no family profile in profiles/familyOfProjector`);
  for (const projector of Object.keys(FAMILY_OF_PROJECTOR))
    assert.ok(
      VISION_ARCHITECTURES.some((a) => a.projector === projector),
      `${projector} is not an engine projector`,
    );
  assert.equal(familyOfProjectorType("qwen3vl_merger"), "qwen3-vl");
  assert.equal(familyOfProjectorType("qwen2.5vl_merger"), "qwen2.5-vl");
  assert.equal(familyOfProjectorType("gemma3"), undefined);
  assert.equal(familyOfProjectorType(undefined), undefined);
});
