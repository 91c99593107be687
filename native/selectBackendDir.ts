import { existsSync } from "node:fs";
import { join } from "node:path";
import type { NativeBuildInfo } from "./loadVisionAddon.js";

/** GPU variants node-llama-cpp ships per platform, best first. */
const GPU_VARIANTS: Record<string, string[]> = {
  "linux-x64": ["linux-x64-cuda", "linux-x64-vulkan"],
  "linux-arm64": [],
  "win-x64": ["win-x64-cuda", "win-x64-vulkan"],
};

/**
 * The folder whose ggml backend libraries this process loads. DESKPILOT_GPU picks one
 * (cpu | cuda | vulkan | auto, default auto); auto takes CUDA when an NVIDIA driver is present,
 * else Vulkan when its loader is, else the CPU folder the addon was linked against.
 */
export function selectBackendDir(root: string, info: NativeBuildInfo | undefined): string | null {
  if (!info || info.fromSource || !info.binsDir) return null;
  const choice = (process.env.DESKPILOT_GPU ?? "auto").toLowerCase();
  if (choice === "cpu") return info.binsDir;
  const variants = (GPU_VARIANTS[info.platform] ?? []).filter((v) => choice === "auto" || v.endsWith(`-${choice}`));
  for (const variant of variants) {
    const dir = join(root, "node_modules", "@node-llama-cpp", variant, "bins", variant);
    if (!existsSync(dir)) continue;
    if (variant.includes("cuda") && !hasNvidiaDriver()) continue;
    if (variant.includes("vulkan") && !hasVulkanLoader()) continue;
    return dir;
  }
  return info.binsDir;
}

function hasNvidiaDriver(): boolean {
  return ["/dev/nvidiactl", "/proc/driver/nvidia/version"].some(existsSync) || existsSync("C:\\Windows\\System32\\nvcuda.dll");
}

function hasVulkanLoader(): boolean {
  return ["/usr/lib/x86_64-linux-gnu/libvulkan.so.1", "/usr/lib/libvulkan.so.1", "C:\\Windows\\System32\\vulkan-1.dll"].some(existsSync);
}
