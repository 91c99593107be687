import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl, type GeneratedModel } from "../../../agent/models/gguf/generateQwen25Vl.js";
import { generateQwen3Vl } from "../../../agent/models/gguf/generateQwen3Vl.js";
import { generateQwen35 } from "../../../agent/models/gguf/generateQwen35.js";
import { visionAddonPath } from "../../../native/loadVisionAddon.js";
import { skipUnlessAvailable } from "../../support/prerequisites.js";

let cached: (GeneratedModel & { dir: string }) | undefined;

/** The tiny random Qwen2.5-VL pair, generated once per test file into a temp dir removed afterwards. */
export function tinyModel(): GeneratedModel & { dir: string } {
  if (!cached) {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-tiny-"));
    cached = { dir, ...generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" }) };
    // at exit, not in an after() hook: hooks registered from inside a test run too early
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return cached;
}

let cachedQwen3: (GeneratedModel & { dir: string }) | undefined;

/** The tiny random Qwen3-VL pair (qwen3vl + qwen3vl_merger, two DeepStack layers), generated once per test file. */
export function tinyQwen3VlModel(): GeneratedModel & { dir: string } {
  if (!cachedQwen3) {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-tiny-qwen3-"));
    cachedQwen3 = { dir, ...generateQwen3Vl({ outDir: dir, preset: "tiny", type: "f16" }) };
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return cachedQwen3;
}

let cachedQwen35: (GeneratedModel & { dir: string }) | undefined;

/** The tiny random Qwen3.5 pair (hybrid qwen35 + qwen3vl_merger without DeepStack), generated once per test file. */
export function tinyQwen35Model(): GeneratedModel & { dir: string } {
  if (!cachedQwen35) {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-tiny-qwen35-"));
    cachedQwen35 = { dir, ...generateQwen35({ outDir: dir, preset: "tiny", type: "f16" }) };
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return cachedQwen35;
}

/** node:test `skip` for tests that need the built addon (fails instead under CI=true). */
export function skipWithoutAddon(): string | false {
  return skipUnlessAvailable(visionAddonPath() ? undefined : "the vision addon is not built (run npm run build:native)");
}

/** A GBNF for a grounding answer: always parses as {"point_2d":[x,y]}. */
export const POINT_GRAMMAR = 'root ::= "{\\"point_2d\\":[" num "," num "]}"\nnum ::= [0-9] | [1-9] [0-9] | [1-9] [0-9] [0-9] | [1-9] [0-9] [0-9] [0-9]';

/** A deterministic synthetic "screenshot": the benchmark's, so tests and bench:engine encode the same image. */
export { syntheticScreenshot as syntheticScreen } from "../../../agent/vision/bench/syntheticScreenshot.js";
