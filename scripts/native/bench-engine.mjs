#!/usr/bin/env node
// npm run bench:engine — the same tiny model and image through our addon and through llama.cpp's
// own llama-mtmd-cli (built from the same bundle on first use), in one run. A full-size preset
// (or --image-tokens) measures one grounding step per image-token count instead (1024,2691,4080),
// on Q4_K_M text + f16 mmproj made once with the bundle's llama-quantize and cached in
// ~/.cache/deskpilot-bench (DESKPILOT_BENCH_CACHE overrides):
//   node scripts/native/bench-engine.mjs [--preset tiny|qwen2.5-vl-3b|qwen2.5-vl-7b] [--model F --mmproj F]
//       [--runs N] [--size WxH] [--image-tokens N,N,...] [--max-tokens N] [--gpu-layers N] [--threads N] [--json]
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const exe = (name) => join(root, "native", "build", "cmake", process.platform === "win32" ? `Release/${name}.exe` : name);
const cli = exe("llama-mtmd-cli");
const quantize = exe("llama-quantize");

if (!existsSync(cli) || !existsSync(quantize)) {
  process.stderr.write("[bench:engine] building llama-mtmd-cli and llama-quantize from the same llama.cpp bundle\n");
  const r = spawnSync(process.execPath, [join(root, "scripts", "native", "build.mjs"), "--with-cli"], { stdio: "inherit" });
  if (r.status !== 0 || !existsSync(cli)) process.exit(1);
}
// the rest is `deskpilot bench engine`, one entry point for the benchmark, with the same flags
const r = spawnSync(process.execPath, [join(root, "bin", "deskpilot.js"), "bench", "engine", ...args], { stdio: "inherit" });
process.exit(r.status ?? 1);
