import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl, type GeneratedModel } from "../../../agent/gguf/generateQwen25Vl.js";
import { generateQwen3Vl } from "../../../agent/gguf/generateQwen3Vl.js";
import { generateQwen35 } from "../../../agent/gguf/generateQwen35.js";
import { visionAddonPath } from "../../../native/loadVisionAddon.js";
import { skipUnlessAvailable } from "../../support/prerequisites.js";

type TinyPair = GeneratedModel & { dir: string };

/** A pair generated on first use into its own temp dir, removed at exit, and the same pair after that. */
function generatedOnce(prefix: string, generate: (outDir: string) => GeneratedModel): () => TinyPair {
  let cached: TinyPair | undefined;
  return () => {
    if (!cached) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      cached = { dir, ...generate(dir) };
      // at exit, not in an after() hook: hooks registered from inside a test run too early
      process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    }
    return cached;
  };
}

/** The tiny random Qwen2.5-VL pair, generated once per test file into a temp dir removed afterwards. */
export const tinyModel = generatedOnce("deskpilot-tiny-", (outDir) => generateQwen25Vl({ outDir, preset: "tiny", type: "f16" }));

/** The tiny random Qwen3-VL pair (qwen3vl + qwen3vl_merger, two DeepStack layers), generated once per test file. */
export const tinyQwen3VlModel = generatedOnce("deskpilot-tiny-qwen3-", (outDir) => generateQwen3Vl({ outDir, preset: "tiny", type: "f16" }));

/** The tiny random Qwen3.5 pair (hybrid qwen35 + qwen3vl_merger without DeepStack), generated once per test file. */
export const tinyQwen35Model = generatedOnce("deskpilot-tiny-qwen35-", (outDir) => generateQwen35({ outDir, preset: "tiny", type: "f16" }));

/** The tiny random Qwen3-VL MoE pair (qwen3vlmoe: routed experts, two DeepStack layers), generated once per test file. */
export const tinyQwen3VlMoeModel = generatedOnce("deskpilot-tiny-qwen3-moe-", (outDir) => generateQwen3Vl({ outDir, preset: "tiny-moe", type: "f16" }));

/** The tiny random Qwen3.5 MoE pair (hybrid qwen35moe: routed and shared experts), generated once per test file. */
export const tinyQwen35MoeModel = generatedOnce("deskpilot-tiny-qwen35-moe-", (outDir) => generateQwen35({ outDir, preset: "tiny-moe", type: "f16" }));

/** node:test `skip` for tests that need the built addon (fails instead under CI=true). */
export function skipWithoutAddon(): string | false {
  return skipUnlessAvailable(visionAddonPath() ? undefined : "the vision addon is not built (run npm run build:native)");
}

/** A GBNF for a grounding answer: always parses as {"point_2d":[x,y]}. */
export const POINT_GRAMMAR = 'root ::= "{\\"point_2d\\":[" num "," num "]}"\nnum ::= [0-9] | [1-9] [0-9] | [1-9] [0-9] [0-9] | [1-9] [0-9] [0-9] [0-9]';

/** A deterministic synthetic "screenshot": the benchmark's, so tests and bench:engine encode the same image. */
export { syntheticScreenshot as syntheticScreen } from "../../../agent/bench/engine/syntheticScreenshot.js";
