#!/usr/bin/env node
// npm run bench:engine — the same tiny model and image through our addon and through llama.cpp's
// own llama-mtmd-cli (built from the same bundle on first use), in one run.
//   node scripts/native/bench-engine.mjs [--preset tiny|qwen2.5-vl-3b|qwen2.5-vl-7b] [--model F --mmproj F]
//       [--runs N] [--size WxH] [--max-tokens N] [--gpu-layers N] [--threads N] [--json]
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cli = join(root, "native", "build", "cmake", process.platform === "win32" ? "Release/llama-mtmd-cli.exe" : "llama-mtmd-cli");

if (!existsSync(cli)) {
  process.stderr.write("[bench:engine] building llama-mtmd-cli from the same llama.cpp bundle\n");
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
  log: (line) => process.stderr.write(`[bench:engine] ${line}\n`),
});
process.stdout.write(args.includes("--json") ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchEngine(report)}\n`);
