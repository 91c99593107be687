import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { HostedVisionModel } from "../../agent/vision/HostedVisionModel.js";
import { formatEngineReport, type EngineReport } from "../../agent/vision/EngineReport.js";
import { prepareFrame } from "../../agent/frames/prepareFrame.js";
import type { AddonBuffer } from "../../native/AddonTypes.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { POINT_GRAMMAR, skipWithoutAddon, syntheticScreen, tinyModel } from "./support/tinyModel.js";

// GPU offload on every CI run: Mesa's lavapipe is a Vulkan device that runs on the CPU, so the
// whole GPU path (the Vulkan backend library from node-llama-cpp's variant folder, the text layers,
// the KV cache and the vision encoder on a Vulkan device) runs here without a GPU. ggml-vulkan
// hides CPU-type devices unless GGML_VK_VISIBLE_DEVICES names one, and DeskPilot uses a software
// device only when DESKPILOT_GPU names its backend: both are set for the offloaded run only.
const LAVAPIPE_ICD = ["/usr/share/vulkan/icd.d/lvp_icd.x86_64.json", "/usr/share/vulkan/icd.d/lvp_icd.aarch64.json"];
const VULKAN_LOADER = ["/usr/lib/x86_64-linux-gnu/libvulkan.so.1", "/usr/lib/aarch64-linux-gnu/libvulkan.so.1"];
const missing =
  process.platform !== "linux"
    ? "Mesa's lavapipe (Linux only)"
    : !VULKAN_LOADER.some(existsSync)
      ? "the Vulkan loader (apt-get install libvulkan1)"
      : !LAVAPIPE_ICD.some(existsSync)
        ? "Mesa's software Vulkan driver, lavapipe (apt-get install mesa-vulkan-drivers)"
        : undefined;
const skip = skipWithoutAddon() || skipUnlessAvailable(missing);

/** Loads the tiny model with `env` set for its engine host, answers one grounding request, and disposes it. */
async function groundOnce(env: Record<string, string | undefined>, gpuLayers: "max" | 0) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  const { model: modelPath, mmproj: mmprojPath } = tinyModel();
  let model: HostedVisionModel | undefined;
  try {
    // the host is forked inside load, with the environment above
    model = await HostedVisionModel.load({ modelPath, mmprojPath, gpuLayers, contextSize: 2048, minImageTokens: 4, warmup: false });
    const image = await prepareFrame({ data: syntheticScreen(448, 448), width: 448, height: 448, channels: 3 }, { minImageTokens: 4, maxImageTokens: 4096 });
    const result = await model.generate({ messages: [{ role: "user", content: "Point at the blue button." }], image, grammar: POINT_GRAMMAR, maxTokens: 24 });
    const buffers = (await model.engineMemory()).buffers;
    return { result, report: model.loaded!.report, buffers };
  } finally {
    await model?.dispose();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const on = (buffers: readonly AddonBuffer[], pick: (b: AddonBuffer) => boolean) => buffers.filter(pick).map((b) => b.backend);

test("the tiny model runs fully offloaded on a Vulkan device, as the engine reports, and answers as on the CPU", { skip, timeout: 600_000 }, async () => {
  const cpu = await groundOnce({ DESKPILOT_GPU: "cpu", GGML_VK_VISIBLE_DEVICES: undefined }, 0);
  const vk = await groundOnce({ DESKPILOT_GPU: "vulkan", GGML_VK_VISIBLE_DEVICES: "0" }, "max");
  const report: EngineReport = vk.report;
  console.log(`engine report (Vulkan run): ${formatEngineReport(report)}\n${JSON.stringify(report)}`);

  // the engine's own report: backend, device, every text layer and the vision encoder off the CPU
  assert.equal(report.backend, "vulkan", formatEngineReport(report));
  const device = report.devices.find((d) => d.name === "Vulkan0");
  assert.ok(device && device.software && /llvmpipe/.test(device.description), JSON.stringify(report.devices));
  assert.deepEqual(report.text.devices, ["Vulkan0"]);
  assert.ok(report.text.layersTotal >= 2);
  assert.equal(report.text.layersOffloaded, report.text.layersTotal);
  assert.equal(report.vision.backend, "Vulkan0");
  assert.deepEqual(report.notes, []);
  // and llama.cpp's allocations agree: weights, KV cache and both compute graphs on the device
  assert.ok(on(vk.buffers, (b) => b.kind === "model").includes("Vulkan0"), JSON.stringify(vk.buffers));
  assert.deepEqual(
    on(vk.buffers, (b) => b.kind === "KV"),
    ["Vulkan0"],
  );
  assert.ok(on(vk.buffers, (b) => b.source === "sched_reserve").includes("Vulkan0"));
  assert.ok(on(vk.buffers, (b) => b.source === "reserve_compute_meta").includes("Vulkan0"));

  // the CPU reference really was on the CPU, with the reason said
  assert.equal(cpu.report.backend, "cpu");
  assert.equal(cpu.report.text.layersOffloaded, 0);
  assert.equal(cpu.report.vision.backend, "CPU");
  assert.ok(
    cpu.report.notes.some((n) => /DESKPILOT_GPU=cpu/.test(n)),
    cpu.report.notes.join("; "),
  );
  assert.ok(!on(cpu.buffers, () => true).some((b) => b.startsWith("Vulkan")), JSON.stringify(cpu.buffers));

  // the same greedy answer from the same image
  assert.equal(vk.result.imageTokens, cpu.result.imageTokens);
  assert.equal(vk.result.promptTokens, cpu.result.promptTokens);
  assert.match(vk.result.text, /^\{"point_2d":\[\d+,\d+\]\}$/);
  assert.equal(vk.result.text, cpu.result.text);
});
