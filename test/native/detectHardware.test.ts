import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { totalmem } from "node:os";
import { detectHardware } from "../../agent/models/detectHardware.js";
import type { EngineDevice } from "../../agent/vision/chooseEngineDevices.js";
import type { EngineProbe } from "../../agent/vision/hostProtocol.js";
import { visionAddonPath } from "../../native/loadVisionAddon.js";

const GB = 1e9;
const cpu: EngineDevice = { name: "CPU", description: "AMD EPYC", type: "cpu", memoryFree: 24 * GB, memoryTotal: 24 * GB, software: false };
const probe = (p: Partial<EngineProbe>) => async (): Promise<EngineProbe> => ({ devices: [cpu], use: [], notes: [], ...p });

test("detectHardware asks the engine itself and reports this machine truthfully", { timeout: 60_000 }, async () => {
  const hw = await detectHardware();
  assert.equal(hw.ramTotal, totalmem());
  assert.ok(hw.ramFree > 0 && hw.ramFree <= hw.ramTotal);
  if (hw.gpu === false) {
    assert.deepEqual([hw.vramTotal, hw.vramFree, hw.gpuNames.length], [0, 0, 0]);
    assert.ok(hw.gpuNotes.length > 0, "no GPU, and no reason given");
  } else {
    // a GPU is reported only with a named device that has memory, never a software renderer
    assert.ok(hw.gpuNames.length > 0 && hw.vramTotal > 0 && hw.vramFree <= hw.vramTotal, JSON.stringify(hw));
    assert.ok(!hw.gpuNames.some((n) => /llvmpipe|lavapipe|swiftshader/i.test(n)), JSON.stringify(hw));
  }
  // A machine with Mesa's Vulkan driver and no GPU (this CI machine): the loader is there, the
  // engine finds only llvmpipe, which ggml-vulkan hides; that is no GPU, and it says so.
  const noGpuHere = !existsSync("/dev/nvidiactl") && !existsSync("/dev/dri/renderD128");
  if (noGpuHere && visionAddonPath() && existsSync("/usr/share/vulkan/icd.d/lvp_icd.x86_64.json") && !process.env.GGML_VK_VISIBLE_DEVICES) {
    assert.equal(hw.gpu, false, JSON.stringify(hw));
    assert.ok(
      hw.gpuNotes.some((n) => /Vulkan: loaded, but found no GPU device/.test(n)),
      hw.gpuNotes.join("; "),
    );
  }
});

test("a Vulkan loader with no device, or only a software device, is no GPU, with the reason", async () => {
  const noDevice = await detectHardware(
    probe({ notes: ["Vulkan: loaded, but found no GPU device (only a software device such as llvmpipe, or none); install your GPU's Vulkan driver"] }),
  );
  assert.deepEqual([noDevice.gpu, noDevice.gpuNames, noDevice.vramTotal, noDevice.vramFree], [false, [], 0, 0]);
  assert.match(noDevice.gpuNotes[0]!, /found no GPU device/);

  const lavapipe: EngineDevice = {
    name: "Vulkan0",
    description: "llvmpipe (LLVM 15.0.6, 256 bits)",
    type: "gpu",
    memoryFree: 2 * GB,
    memoryTotal: 2 * GB,
    software: true,
  };
  const software = await detectHardware(
    probe({
      devices: [cpu, lavapipe],
      notes: ["Vulkan0 (llvmpipe (LLVM 15.0.6, 256 bits)) is a software device, slower than the CPU backend: not used unless DESKPILOT_GPU=vulkan"],
    }),
  );
  assert.equal(software.gpu, false);
  assert.equal(software.vramTotal, 0);
  assert.match(software.gpuNotes.join(" "), /software device/);

  const broken = await detectHardware(async () => Promise.reject(new Error("the vision addon is not built")));
  assert.equal(broken.gpu, false);
  assert.match(broken.gpuNotes[0]!, /could not start.*not built/);
});

test("a GPU the engine would use is reported with its backend and that device's memory", async () => {
  const radeon: EngineDevice = {
    name: "Vulkan0",
    description: "AMD Radeon RX 7600 (RADV NAVI33)",
    type: "gpu",
    memoryFree: 7 * GB,
    memoryTotal: 8 * GB,
    software: false,
  };
  const hw = await detectHardware(probe({ devices: [cpu, radeon], use: ["Vulkan0"], notes: ["CUDA: no NVIDIA driver is installed"] }));
  assert.deepEqual([hw.gpu, hw.gpuNames, hw.vramFree, hw.vramTotal, hw.unifiedMemory], ["vulkan", ["AMD Radeon RX 7600 (RADV NAVI33)"], 7 * GB, 8 * GB, false]);
  assert.deepEqual(hw.gpuNotes, [], "notes about backends not needed are not shown beside a working GPU");

  const igpu: EngineDevice = {
    name: "Vulkan0",
    description: "Intel(R) Iris(R) Xe Graphics",
    type: "igpu",
    memoryFree: 12 * GB,
    memoryTotal: 16 * GB,
    software: false,
  };
  assert.equal((await detectHardware(probe({ devices: [cpu, igpu], use: ["Vulkan0"] }))).unifiedMemory, true);
  const cuda: EngineDevice = { name: "CUDA0", description: "NVIDIA GeForce RTX 3060", type: "gpu", memoryFree: 11 * GB, memoryTotal: 12 * GB, software: false };
  assert.equal((await detectHardware(probe({ devices: [cpu, cuda], use: ["CUDA0"] }))).gpu, "cuda");
});
