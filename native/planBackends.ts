import { existsSync } from "node:fs";
import { join } from "node:path";
import type { NativeBuildInfo } from "./loadVisionAddon.js";

/** A GPU backend library the engine may load, from one of node-llama-cpp's variant folders. */
export interface GpuBackendCandidate {
  readonly kind: "cuda" | "vulkan";
  /** The variant folder (llama-mtmd-cli in `bench engine` runs from it too). */
  readonly dir: string;
  readonly lib: string;
}

/** Which backend libraries an engine process loads, before any of them has looked for a device. */
export interface BackendPlan {
  /** Loaded whole: the CPU variant folder (on macOS it holds Metal too); null: the default search path. */
  readonly baseDir: string | null;
  /** Tried in order; the first that finds a device is kept (the addon unloads the others). */
  readonly gpu: readonly GpuBackendCandidate[];
  /** One sentence for each GPU backend that is not even tried, and why. */
  readonly skipped: readonly string[];
}

/** GPU variants node-llama-cpp ships per platform, best first. */
const GPU_VARIANTS: Record<string, readonly ("cuda" | "vulkan")[]> = {
  "linux-x64": ["cuda", "vulkan"],
  "win-x64": ["cuda", "vulkan"],
};

const LIB: Record<"cuda" | "vulkan", Record<string, string>> = {
  cuda: { linux: "libggml-cuda.so", win32: "ggml-cuda.dll" },
  vulkan: { linux: "libggml-vulkan.so", win32: "ggml-vulkan.dll" },
};

/**
 * The backend libraries to try. DESKPILOT_GPU picks (cpu | cuda | vulkan | auto, default auto).
 * A library is a candidate when its package is installed and what it needs to find a device is
 * there (an NVIDIA driver, a Vulkan loader); whether a device is really there is the addon's to
 * find out (loadBackends), so a Vulkan loader with only Mesa's software driver ends on the CPU.
 */
export function planBackends(
  root: string,
  info: NativeBuildInfo | undefined,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): BackendPlan {
  if (!info || info.fromSource || !info.binsDir) return { baseDir: null, gpu: [], skipped: [] };
  const choice = (env.DESKPILOT_GPU ?? "auto").toLowerCase();
  if (choice === "cpu") return { baseDir: info.binsDir, gpu: [], skipped: ["DESKPILOT_GPU=cpu asks for the CPU"] };
  const kinds = (GPU_VARIANTS[info.platform] ?? []).filter((k) => choice === "auto" || k === choice);
  const gpu: GpuBackendCandidate[] = [];
  const skipped: string[] = [];
  if (kinds.length === 0)
    skipped.push(
      choice === "auto" ? `node-llama-cpp ships no CUDA or Vulkan build for ${info.platform}` : `node-llama-cpp ships no ${choice} build for ${info.platform}`,
    );
  for (const kind of kinds) {
    const variant = `${info.platform}-${kind}`;
    const dir = join(root, "node_modules", "@node-llama-cpp", variant, "bins", variant);
    const lib = join(dir, LIB[kind][process.platform === "win32" ? "win32" : "linux"]!);
    const name = kind === "cuda" ? "CUDA" : "Vulkan";
    if (!exists(lib)) skipped.push(`${name}: the package @node-llama-cpp/${variant} is not installed (npm install installs it where the platform allows)`);
    else if (kind === "cuda" && !hasNvidiaDriver(exists)) skipped.push("CUDA: no NVIDIA driver is installed");
    else if (kind === "vulkan" && !hasVulkanLoader(exists)) skipped.push("Vulkan: no Vulkan loader is installed (libvulkan1 and your GPU's Vulkan driver)");
    else gpu.push({ kind, dir, lib });
  }
  return { baseDir: info.binsDir, gpu, skipped };
}

function hasNvidiaDriver(exists: (path: string) => boolean): boolean {
  return ["/dev/nvidiactl", "/proc/driver/nvidia/version", "C:\\Windows\\System32\\nvcuda.dll"].some(exists);
}

function hasVulkanLoader(exists: (path: string) => boolean): boolean {
  return ["/usr/lib/x86_64-linux-gnu/libvulkan.so.1", "/usr/lib64/libvulkan.so.1", "/usr/lib/libvulkan.so.1", "C:\\Windows\\System32\\vulkan-1.dll"].some(
    exists,
  );
}
