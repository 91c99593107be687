import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { VisionAddon } from "./AddonTypes.js";
import { NativeAddonError } from "./NativeAddonError.js";
import { planBackends, type GpuBackendCandidate } from "./planBackends.js";

/** What `npm run build:native` records next to the addon. */
export interface NativeBuildInfo {
  nodeLlamaCpp: string;
  llamaCppRelease: string;
  platform: string;
  binsDir: string | null;
  fromSource: boolean;
}

/** The repository root, whether running from source or from dist/. */
export function nativeRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new NativeAddonError("cannot find DeskPilot's package root");
    dir = up;
  }
  return dir;
}

/** Where the built addon lives, or null when it has not been built. */
export function visionAddonPath(root = nativeRoot()): string | null {
  const path = join(root, "native", "build", "deskpilot_vision.node");
  return existsSync(path) ? path : null;
}

/** Which backend libraries this process loaded, and why a GPU one is not among them. */
export interface LoadedBackends {
  /** The folder loaded whole (the CPU backend; Metal on macOS); null: the default search path. */
  readonly baseDir: string | null;
  /** The GPU backend kept: the first candidate whose library found a device. */
  readonly gpu?: GpuBackendCandidate;
  /** One sentence for each GPU backend not used, and why ("Vulkan: loaded, but found no GPU device …"). */
  readonly notes: readonly string[];
}

let loaded: { addon: VisionAddon; backends: LoadedBackends } | undefined;

/**
 * Loads the addon and its ggml backends once per process. Throws NativeAddonError naming what is
 * missing: the build, the node-llama-cpp it was built against, or a shared library.
 */
export function loadVisionAddon(): { addon: VisionAddon; backends: LoadedBackends } {
  if (loaded) return loaded;
  const root = nativeRoot();
  const path = visionAddonPath(root);
  if (!path)
    throw new NativeAddonError(
      "the vision addon is not built (native/build/deskpilot_vision.node); run `npm run build:native` (needs CMake and a C++ compiler)",
    );
  const infoPath = join(root, "native", "build", "build-info.json");
  const info = existsSync(infoPath) ? (JSON.parse(readFileSync(infoPath, "utf8")) as NativeBuildInfo) : undefined;
  const installed = nodeLlamaCppVersion(root);
  if (info && installed && info.nodeLlamaCpp !== installed) {
    throw new NativeAddonError(
      `the vision addon was built against node-llama-cpp ${info.nodeLlamaCpp} but ${installed} is installed (their ABI is shared); run \`npm run build:native\``,
    );
  }
  let addon: VisionAddon;
  try {
    addon = createRequire(import.meta.url)(path) as VisionAddon;
  } catch (error) {
    throw new NativeAddonError(
      `the vision addon failed to load (${(error as Error).message}); if a libllama/libggml library is missing, run \`npm install\` then \`npm run build:native\``,
      { cause: error },
    );
  }
  const plan = planBackends(root, info);
  addon.setLogLevel(Number(process.env.DESKPILOT_LLAMA_LOG_LEVEL ?? 5));
  const report = addon.loadBackends(
    plan.baseDir ?? "",
    plan.gpu.map((c) => c.lib),
  );
  if (report.devices === 0) {
    throw new NativeAddonError(`no ggml backend could be loaded from ${plan.baseDir ?? "the default search path"}; reinstall node-llama-cpp (npm install)`);
  }
  const notes = [...plan.skipped];
  let gpu: GpuBackendCandidate | undefined;
  for (const t of report.tried) {
    const candidate = plan.gpu.find((c) => c.lib === t.path)!;
    if (t.kept) gpu = candidate;
    else notes.push(untriedGpuNote(candidate, t));
  }
  loaded = { addon, backends: { baseDir: plan.baseDir, gpu, notes } };
  return loaded;
}

function nodeLlamaCppVersion(root: string): string | undefined {
  const pkg = join(root, "node_modules", "node-llama-cpp", "package.json");
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version : undefined;
}

// Why a GPU library that was tried is not used: it did not load, or it found no device.
function untriedGpuNote(c: GpuBackendCandidate, t: { loaded: boolean }): string {
  if (c.kind === "cuda") {
    return t.loaded
      ? "CUDA: loaded, but found no usable NVIDIA GPU"
      : "CUDA: its library did not load (it needs the CUDA 13 runtime, libcudart.so.13 and libcublas.so.13; DESKPILOT_LLAMA_LOG_LEVEL=4 shows why)";
  }
  return t.loaded
    ? "Vulkan: loaded, but found no GPU device (only a software device such as llvmpipe, or none); install your GPU's Vulkan driver"
    : "Vulkan: its library did not load (DESKPILOT_LLAMA_LOG_LEVEL=4 shows why)";
}
