import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { AddonDevice, AddonPlacement } from "../../../native/AddonTypes.js";
import { planBackends } from "../../../native/planBackends.js";
import type { NativeBuildInfo } from "../../../native/loadVisionAddon.js";
import { chooseEngineDevices } from "../../../agent/vision/chooseEngineDevices.js";
import { engineReportOf, formatEngineReport } from "../../../agent/vision/EngineReport.js";
import { placementNotes } from "../../../agent/vision/placementNotes.js";

const GB = 1e9;
const info: NativeBuildInfo = {
  nodeLlamaCpp: "3.21.1",
  llamaCppRelease: "v0.4.0",
  platform: "linux-x64",
  binsDir: "/r/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64",
  fromSource: false,
};
const vulkanLib = join("/r", "node_modules", "@node-llama-cpp", "linux-x64-vulkan", "bins", "linux-x64-vulkan", "libggml-vulkan.so");
const cudaLib = join("/r", "node_modules", "@node-llama-cpp", "linux-x64-cuda", "bins", "linux-x64-cuda", "libggml-cuda.so");
const fsWith =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

test("the backend plan tries CUDA only with an NVIDIA driver and Vulkan only with a loader, and says why not", () => {
  const both = planBackends("/r", info, {}, fsWith(vulkanLib, cudaLib, "/dev/nvidiactl", "/usr/lib/x86_64-linux-gnu/libvulkan.so.1"));
  assert.deepEqual(
    both.gpu.map((g) => g.kind),
    ["cuda", "vulkan"],
  );
  assert.equal(both.baseDir, info.binsDir);

  const noDriver = planBackends("/r", info, {}, fsWith(vulkanLib, cudaLib));
  assert.deepEqual(noDriver.gpu, []);
  assert.deepEqual(noDriver.skipped, [
    "CUDA: no NVIDIA driver is installed",
    "Vulkan: no Vulkan loader is installed (libvulkan1 and your GPU's Vulkan driver)",
  ]);

  assert.deepEqual(planBackends("/r", info, { DESKPILOT_GPU: "cpu" }, fsWith(vulkanLib)).skipped, ["DESKPILOT_GPU=cpu asks for the CPU"]);
  const vulkanOnly = planBackends(
    "/r",
    info,
    { DESKPILOT_GPU: "vulkan" },
    fsWith(vulkanLib, cudaLib, "/dev/nvidiactl", "/usr/lib/x86_64-linux-gnu/libvulkan.so.1"),
  );
  assert.deepEqual(
    vulkanOnly.gpu.map((g) => g.lib),
    [vulkanLib],
  );
  assert.match(planBackends("/r", info, {}, fsWith()).skipped.join("; "), /@node-llama-cpp\/linux-x64-vulkan is not installed/);
});

const cpu: AddonDevice = { name: "CPU", description: "AMD EPYC", type: "cpu", memoryFree: 24 * GB, memoryTotal: 24 * GB };
const lavapipe: AddonDevice = { name: "Vulkan0", description: "llvmpipe (LLVM 15.0.6, 256 bits)", type: "gpu", memoryFree: 2 * GB, memoryTotal: 2 * GB };
const radeon: AddonDevice = { name: "Vulkan0", description: "AMD Radeon RX 7600 (RADV NAVI33)", type: "gpu", memoryFree: 7 * GB, memoryTotal: 8 * GB };

test("a software Vulkan device is used only when DESKPILOT_GPU names its backend", () => {
  const auto = chooseEngineDevices([cpu, lavapipe], {});
  assert.deepEqual(auto.use, []);
  assert.match(auto.notes[0]!, /^Vulkan0 \(llvmpipe .*\) is a software device.*DESKPILOT_GPU=vulkan$/);
  assert.deepEqual(
    chooseEngineDevices([cpu, lavapipe], { DESKPILOT_GPU: "vulkan" }).use.map((d) => [d.name, d.software]),
    [["Vulkan0", true]],
  );
  assert.deepEqual(
    chooseEngineDevices([cpu, radeon], {}).use.map((d) => [d.name, d.software]),
    [["Vulkan0", false]],
  );
});

const placement = (p: Partial<AddonPlacement>): AddonPlacement => ({
  textDevices: ["Vulkan0"],
  layersOffloaded: 37,
  layersTotal: 37,
  visionBackend: "Vulkan0",
  ...p,
});

test("the report says why any part is not on the GPU", () => {
  const all = placementNotes({
    requested: "max",
    placement: placement({}),
    visionGpu: true,
    usable: [radeon],
    skipped: ["CUDA: no NVIDIA driver is installed"],
  });
  assert.deepEqual(all, []);
  const partial = placementNotes({ requested: "auto", placement: placement({ layersOffloaded: 30 }), visionGpu: true, usable: [radeon], skipped: [] });
  assert.deepEqual(partial, ["7.0 GB of GPU memory free is not enough for the whole text model: 30 of 37 layers on the GPU"]);
  const zero = placementNotes({
    requested: 0,
    placement: placement({ textDevices: [], layersOffloaded: 0, visionBackend: "CPU" }),
    visionGpu: false,
    usable: [radeon],
    skipped: [],
  });
  assert.deepEqual(zero, [
    "gpuLayers is 0: the text model stays on the CPU",
    "the vision encoder runs on the CPU (visionGpu is off, or a larger frame did not fit in GPU memory)",
  ]);
  const none = placementNotes({
    requested: "auto",
    placement: placement({ textDevices: [], layersOffloaded: 0, visionBackend: "CPU" }),
    visionGpu: true,
    usable: [],
    skipped: ["Vulkan: loaded, but found no GPU device"],
  });
  assert.deepEqual(none, ["no usable GPU, so the model runs on the CPU", "Vulkan: loaded, but found no GPU device"]);

  const cpuReport = engineReportOf([{ ...cpu, software: false }], placement({ textDevices: [], layersOffloaded: 0, visionBackend: "CPU" }), none);
  assert.equal(cpuReport.backend, "cpu");
  assert.equal(
    formatEngineReport(cpuReport),
    "CPU only · text layers on the GPU 0/37 · vision encoder on the CPU · no usable GPU, so the model runs on the CPU · Vulkan: loaded, but found no GPU device",
  );
  const vk = engineReportOf(
    [
      { ...cpu, software: false },
      { ...radeon, software: false },
    ],
    placement({}),
    [],
  );
  assert.equal(formatEngineReport(vk), "Vulkan0: AMD Radeon RX 7600 (RADV NAVI33) through Vulkan · text layers on the GPU 37/37 · vision encoder on Vulkan0");
  // the vision encoder alone on the GPU still counts as using it
  assert.equal(engineReportOf([], placement({ textDevices: [], layersOffloaded: 0 }), []).backend, "vulkan");
});
