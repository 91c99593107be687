import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl } from "../../agent/models/gguf/generateQwen25Vl.js";
import { loadVisionModel } from "../../agent/models/loadVisionModel.js";
import type { HardwareInfo } from "../../agent/models/HardwareInfo.js";
import type { HostChannel, SpawnHost } from "../../agent/vision/HostChannel.js";
import type { HostReply, HostRequest } from "../../agent/vision/hostProtocol.js";

/**
 * An engine host that behaves like llama.cpp on a small GPU: a load with more than `fits` layers
 * on the GPU aborts the process (SIGABRT), as a failed CUDA allocation does.
 */
function smallGpuHost(fits: number, loads: Array<number | string>): SpawnHost {
  return () => {
    let onMessage: (m: HostReply) => void = () => undefined;
    let onExit: (how: string) => void = () => undefined;
    let alive = true;
    const channel: HostChannel = {
      pid: 4242,
      send: (m: HostRequest) => {
        if (!alive || m.type !== "load") {
          if (alive && m.type === "dispose") {
            alive = false;
            setImmediate(() => {
              onMessage({ type: "done", id: m.id, value: null });
              onExit("exit code 0");
            });
          }
          return;
        }
        const layers = m.options.gpuLayers;
        loads.push(layers);
        const onGpu = layers === "auto" || layers === "max" || layers < 0 ? m.options.textLayers : layers;
        setImmediate(() => {
          if (onGpu > fits) {
            alive = false;
            onExit("signal SIGABRT");
          } else onMessage({ type: "done", id: m.id, value: { nEmbd: 64, contextSize: 8192, gpuLayers: layers, devices: [], pid: 4242 } });
        });
      },
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => {
        if (alive) setImmediate(() => onExit("signal SIGKILL"));
        alive = false;
      },
    };
    return channel;
  };
}

const GB = 1e9;
const gpu = (vramFree: number): HardwareInfo => ({ gpu: "cuda", gpuNames: ["small"], vramTotal: vramFree, vramFree, unifiedMemory: false, ramTotal: 64 * GB, ramFree: 64 * GB });

describe("loadVisionModel: out of GPU memory falls back to fewer layers", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-load-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
  const base = { modelPath: files.model, mmprojPath: files.mmproj, warmup: false };

  test("max on a GPU that holds 1 of 2 layers: aborts, then loads with 1 layer and says so", async () => {
    const loads: Array<number | string> = [];
    const messages: string[] = [];
    const { model, gpuLayers } = await loadVisionModel({ ...base, gpuLayers: "max" }, { spawnHost: smallGpuHost(1, loads), onFallback: (m) => messages.push(m) });
    assert.equal(gpuLayers, 1);
    assert.deepEqual(loads, ["max", 1]);
    assert.match(messages[0] ?? "", /not enough memory to load the model with all GPU layers: retrying with 1 of 2/);
    await model.dispose();
  });

  test("auto that over-reaches: steps down from what auto picked, to the CPU if need be", async () => {
    const loads: Array<number | string> = [];
    const messages: string[] = [];
    const { gpuLayers, model } = await loadVisionModel({ ...base, gpuLayers: "auto" }, { spawnHost: smallGpuHost(0, loads), detect: async () => gpu(80 * GB), onFallback: (m) => messages.push(m) });
    assert.equal(gpuLayers, 0);
    assert.equal(loads[0], "auto");
    assert.equal(loads.at(-1), 0);
    assert.match(messages.at(-1) ?? "", /CPU only/);
    await model.dispose();
  });

  test("a load that fits is not retried", async () => {
    const loads: Array<number | string> = [];
    await (await loadVisionModel({ ...base, gpuLayers: 2 }, { spawnHost: smallGpuHost(2, loads) })).model.dispose();
    assert.deepEqual(loads, [2]);
  });
});
