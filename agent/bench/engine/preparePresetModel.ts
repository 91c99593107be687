import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateQwen25Vl } from "../../gguf/generateQwen25Vl.js";
import { QWEN25VL_PRESETS, type Qwen25VlPresetName } from "../../gguf/qwen25vlPresets.js";
import { BenchModelError } from "./BenchModelError.js";

/** The quantisation the catalog's GGUFs ship their text model in. */
export const BENCH_TEXT_TYPE = "Q4_K_M";

/** A full-size random model as a user downloads it: Q4_K_M text, f16 mmproj. */
export interface PresetModel {
  readonly model: string;
  readonly mmproj: string;
  readonly textType: string;
  readonly mmprojType: "f16";
  /** True when the files came from the cache, not made by this call. */
  readonly cached: boolean;
}

export interface PreparePresetModelOptions {
  readonly preset: Qwen25VlPresetName;
  readonly cacheDir: string;
  /** The bundle's llama-quantize. */
  readonly quantize: string;
  readonly threads: number;
  readonly log?: (line: string) => void;
}

const STAMP = "ready.json";

/**
 * Generates the preset's f16 pair in `cacheDir`, quantises the text model with llama-quantize and
 * drops its f16 copy; later calls reuse the files (a stamp written last marks them complete).
 */
export async function preparePresetModel(o: PreparePresetModelOptions): Promise<PresetModel> {
  const log = o.log ?? (() => undefined);
  const name = QWEN25VL_PRESETS[o.preset].name;
  const dir = join(o.cacheDir, name);
  const model = join(dir, `${name}-${BENCH_TEXT_TYPE}.gguf`);
  const mmproj = join(dir, `mmproj-${name}-f16.gguf`);
  const stamp = { preset: o.preset, textType: BENCH_TEXT_TYPE, mmprojType: "f16" };
  const stampPath = join(dir, STAMP);
  if (existsSync(stampPath) && existsSync(model) && existsSync(mmproj) && readFileSync(stampPath, "utf8") === JSON.stringify(stamp)) {
    log(`reusing ${model} and ${mmproj}`);
    return { model, mmproj, textType: BENCH_TEXT_TYPE, mmprojType: "f16", cached: true };
  }
  if (!existsSync(o.quantize)) {
    throw new BenchModelError(`llama-quantize is not built (${o.quantize}); run \`node scripts/native/build.mjs --with-cli\``);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  checkFreeSpace(dir, f16Bytes(o.preset) * 1.4);
  log(`generating the f16 ${o.preset} pair in ${dir} (several GB; minutes)`);
  let lastTenth = -1;
  const f16 = generateQwen25Vl({
    outDir: dir,
    preset: o.preset,
    type: "f16",
    onProgress: (file, written, total) => {
      const tenth = Math.floor((written / total) * 10);
      if (tenth !== lastTenth) log(`${file}: ${tenth * 10}%`);
      lastTenth = tenth;
    },
  });
  renameSync(f16.mmproj, mmproj);
  log(`quantising the text model to ${BENCH_TEXT_TYPE} with ${o.quantize}`);
  await runQuantize(o.quantize, f16.model, `${model}.part`, o.threads);
  renameSync(`${model}.part`, model);
  rmSync(f16.model, { force: true });
  writeFileSync(stampPath, JSON.stringify(stamp));
  return { model, mmproj, textType: BENCH_TEXT_TYPE, mmprojType: "f16", cached: false };
}

/** Roughly what the f16 pair of a preset takes on disk: 2 bytes per weight. */
function f16Bytes(preset: Qwen25VlPresetName): number {
  const { text: t, vision: v } = QWEN25VL_PRESETS[preset];
  const vocab = 151_936;
  const kv = (t.embd / t.heads) * t.headsKv;
  const layer = t.embd * (2 * t.embd + 2 * kv) + 3 * t.embd * t.ff;
  const textWeights = t.layers * layer + vocab * t.embd * (t.tiedEmbeddings ? 1 : 2);
  const merged = 4 * v.embd; // the merger's 2×2 patch groups
  const visionWeights = v.layers * (4 * v.embd * v.embd + 3 * v.embd * v.ff) + merged * merged + merged * t.embd;
  return 2 * (textWeights + visionWeights);
}

function checkFreeSpace(dir: string, needed: number): void {
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  if (free < needed) {
    const gb = (b: number) => (b / 2 ** 30).toFixed(1);
    throw new BenchModelError(
      `${dir} has ${gb(free)} GB free; the benchmark model needs about ${gb(needed)} GB there while it is made: free some space or set DESKPILOT_BENCH_CACHE to a larger disk`,
    );
  }
}

function runQuantize(exe: string, input: string, output: string, threads: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, [input, output, BENCH_TEXT_TYPE, String(threads)], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on("error", (e) => reject(new BenchModelError(`could not start ${exe}: ${e.message}`, { cause: e })));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BenchModelError(`llama-quantize exited with ${code}; the f16 model stays in ${input}:\n${stderr}`));
    });
  });
}
