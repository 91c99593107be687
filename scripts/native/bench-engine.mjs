#!/usr/bin/env node
// npm run bench:engine — the same tiny model and image through our addon and through llama.cpp's
// own llama-mtmd-cli (built from the same bundle on first use), in one run. A full-size preset
// (or --image-tokens) measures one grounding step per image-token count instead (1024,2691,4080),
// on Q4_K_M text + f16 mmproj made once with the bundle's llama-quantize and cached in
// ~/.cache/deskpilot-bench (DESKPILOT_BENCH_CACHE overrides):
//   node scripts/native/bench-engine.mjs [--preset tiny|qwen2.5-vl-3b|qwen2.5-vl-7b] [--model F --mmproj F]
//       [--runs N] [--size WxH] [--image-tokens N,N,...] [--max-tokens N] [--gpu-layers N] [--threads N] [--json]
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const exe = (name) => join(root, "native", "build", "cmake", process.platform === "win32" ? `Release/${name}.exe` : name);
const cli = exe("llama-mtmd-cli");
const quantize = exe("llama-quantize");

if (!existsSync(cli) || !existsSync(quantize)) {
  process.stderr.write("[bench:engine] building llama-mtmd-cli and llama-quantize from the same llama.cpp bundle\n");
  const r = spawnSync(process.execPath, [join(root, "scripts", "native", "build.mjs"), "--with-cli"], { stdio: "inherit" });
  if (r.status !== 0 || !existsSync(cli)) process.exit(1);
}
const dist = join(root, "dist");
if (!existsSync(join(dist, "agent", "vision", "bench", "benchEngine.js"))) {
  process.stderr.write("[bench:engine] dist/ is missing; run npm run build\n");
  process.exit(1);
}
const { benchEngine } = await import(join(dist, "agent", "vision", "bench", "benchEngine.js"));
const { formatBenchEngine } = await import(join(dist, "agent", "vision", "bench", "formatBenchEngine.js"));
const { selectBackendDir } = await import(join(dist, "native", "selectBackendDir.js"));
const info = JSON.parse(readFileSync(join(root, "native", "build", "build-info.json"), "utf8"));
const [width, height] = (opt("--size") ?? "1280x800").split("x").map(Number);
const preset = opt("--preset") ?? "tiny";
const log = (line) => process.stderr.write(`[bench:engine] ${line}\n`);
if (opt("--image-tokens") || (preset !== "tiny" && !opt("--model"))) {
  const { benchEngineSteps, STEP_IMAGE_TOKENS } = await import(join(dist, "agent", "vision", "bench", "benchEngineSteps.js"));
  const { formatBenchEngineSteps } = await import(join(dist, "agent", "vision", "bench", "formatBenchEngineSteps.js"));
  const { benchCacheDir } = await import(join(dist, "agent", "vision", "bench", "benchCacheDir.js"));
  const report = await benchEngineSteps({
    cli, quantize, backendDir: selectBackendDir(root, info) ?? info.binsDir, cacheDir: benchCacheDir(), preset,
    model: opt("--model"), mmproj: opt("--mmproj"),
    imageTokens: opt("--image-tokens") ? opt("--image-tokens").split(",").map(Number) : [...STEP_IMAGE_TOKENS],
    maxTokens: opt("--max-tokens") ? Number(opt("--max-tokens")) : 32,
    threads: opt("--threads") ? Number(opt("--threads")) : availableParallelism(),
    gpuLayers: opt("--gpu-layers") ? Number(opt("--gpu-layers")) : 0,
    log,
  });
  process.stdout.write(args.includes("--json") ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchEngineSteps(report)}\n`);
  process.exit(0);
}
const report = await benchEngine({
  cli,
  backendDir: selectBackendDir(root, info) ?? info.binsDir,
  preset: opt("--preset"),
  model: opt("--model"),
  mmproj: opt("--mmproj"),
  runs: opt("--runs") ? Number(opt("--runs")) : undefined,
  maxTokens: opt("--max-tokens") ? Number(opt("--max-tokens")) : undefined,
  gpuLayers: opt("--gpu-layers") ? Number(opt("--gpu-layers")) : undefined,
  threads: opt("--threads") ? Number(opt("--threads")) : undefined,
  width,
  height,
  log,
});
process.stdout.write(args.includes("--json") ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchEngine(report)}\n`);
