import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl } from "../../../agent/gguf/generateQwen25Vl.js";
import { loadVisionModel } from "../../../agent/models/loadVisionModel.js";
import type { RecordedEngineReport } from "../../../agent/models/engineReportLog.js";
import type { HardwareInfo } from "../../../agent/platform/HardwareInfo.js";
import type { HostChannel, SpawnHost } from "../../../agent/vision/HostChannel.js";
import type { HostLoadOptions, HostReply, HostRequest } from "../../../agent/vision/hostProtocol.js";
import type { AddonDevice } from "../../../native/AddonTypes.js";
import { estimateGpuReserve } from "../../../agent/vision/estimateGpuReserve.js";
import { validateModelFiles } from "../../../agent/vision/validateModelFiles.js";
import { ScriptedEngineHost } from "../../support/ScriptedEngineHost.js";

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
          } else {
            const report = {
              backend: "cuda",
              devices: [],
              text: { layersOffloaded: onGpu, layersTotal: 3, devices: ["CUDA0"] },
              vision: { backend: "CUDA0" },
              notes: [],
            };
            onMessage({ type: "done", id: m.id, value: { nEmbd: 64, contextSize: 8192, gpuLayers: layers, devices: [], report, pid: 4242 } });
          }
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
// loads that work record their engine report under the user data folder: a temporary one here
const dataHome = mkdtempSync(join(tmpdir(), "deskpilot-load-home-"));
process.env.DESKPILOT_HOME = dataHome;
process.on("exit", () => rmSync(dataHome, { recursive: true, force: true }));

const gpu = (vramFree: number): HardwareInfo => ({
  gpu: "cuda",
  gpuNames: ["small"],
  vramTotal: vramFree,
  vramFree,
  unifiedMemory: false,
  gpuNotes: [],
  ramTotal: 64 * GB,
  ramFree: 64 * GB,
});

describe("loadVisionModel: out of GPU memory falls back to fewer layers", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-load-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
  const base = { modelPath: files.model, mmprojPath: files.mmproj, warmup: false };

  test("max on a GPU that holds 1 of 2 layers: aborts, then loads with 1 layer and says so", async () => {
    const loads: Array<number | string> = [];
    const messages: string[] = [];
    const { model, gpuLayers } = await loadVisionModel(
      { ...base, gpuLayers: "max" },
      { spawnHost: smallGpuHost(1, loads), onFallback: (m) => messages.push(m) },
    );
    assert.equal(gpuLayers, 1);
    assert.deepEqual(loads, ["max", 1]);
    assert.match(messages[0] ?? "", /not enough memory to load the model with all GPU layers: retrying with 1 of 2/);
    await model.dispose();
  });

  test("auto that over-reaches: steps down from what auto picked, to the CPU if need be", async () => {
    const loads: Array<number | string> = [];
    const messages: string[] = [];
    const { gpuLayers, model } = await loadVisionModel(
      { ...base, gpuLayers: "auto" },
      { spawnHost: smallGpuHost(0, loads), detect: async () => gpu(80 * GB), onFallback: (m) => messages.push(m) },
    );
    assert.equal(gpuLayers, 0);
    assert.equal(loads[0], "auto");
    assert.equal(loads.at(-1), 0);
    assert.match(messages.at(-1) ?? "", /CPU only/);
    await model.dispose();
  });

  test("a load that fits is not retried, and the load that worked has its engine report recorded", async () => {
    const loads: Array<number | string> = [];
    const recorded: RecordedEngineReport[] = [];
    await (await loadVisionModel({ ...base, gpuLayers: 2 }, { spawnHost: smallGpuHost(2, loads), record: (r) => recorded.push(r) })).model.dispose();
    assert.deepEqual(loads, [2]);
    assert.deepEqual(
      recorded.map((r) => [r.modelPath, r.mmprojPath, r.report.text.layersOffloaded]),
      [[files.model, files.mmproj, 2]],
    );
  });

  test("a host whose own code fails (exit code 1) is not out of memory: no fallback, the crash is the error", async () => {
    let loads = 0;
    const failingHost: SpawnHost = () => {
      let onExit: (how: string) => void = () => undefined;
      let alive = true;
      return {
        pid: 4343,
        send: (m: HostRequest) => {
          if (m.type !== "load" || !alive) return;
          loads++;
          alive = false;
          setImmediate(() => onExit("exit code 1"));
        },
        onMessage: () => undefined,
        onExit: (l) => (onExit = l),
        kill: () => {
          if (alive) setImmediate(() => onExit("signal SIGKILL"));
          alive = false;
        },
      };
    };
    const messages: string[] = [];
    await assert.rejects(loadVisionModel({ ...base, gpuLayers: "max" }, { spawnHost: failingHost, onFallback: (m) => messages.push(m) }), (error: unknown) => {
      assert.equal((error as { code?: string }).code, "ENGINE_CRASHED");
      assert.match((error as Error).message, /the vision engine's process ended \(exit code 1\)/);
      return true;
    });
    assert.equal(loads, 1, "not retried with fewer layers");
    assert.deepEqual(messages, []);
  });

  test("after a fallback only the load that worked is recorded", async () => {
    const recorded: RecordedEngineReport[] = [];
    await (await loadVisionModel({ ...base, gpuLayers: "max" }, { spawnHost: smallGpuHost(1, []), record: (r) => recorded.push(r) })).model.dispose();
    assert.deepEqual(
      recorded.map((r) => r.report.text.layersOffloaded),
      [1],
    );
  });
});

describe("loadVisionModel: a GPU model is warmed up at the largest frame inside the fallback (issue 12, defect 5)", () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-warm-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = generateQwen25Vl({ outDir: dir, preset: "tiny", type: "f16" });
  const base = { modelPath: files.model, mmprojPath: files.mmproj, warmup: false, maxImageTokens: 4096 };
  const gpuDevices: AddonDevice[] = [
    { name: "CPU", description: "cpu", type: "cpu", memoryFree: 32 * GB, memoryTotal: 32 * GB },
    { name: "CUDA0", description: "small", type: "gpu", memoryFree: 8 * GB, memoryTotal: 8 * GB },
  ];
  const onGpu = (o: HostLoadOptions) => (typeof o.gpuLayers === "number" ? (o.gpuLayers < 0 ? o.textLayers : o.gpuLayers) : o.textLayers);

  test("a host that crashes on its first image at 2 GPU layers is loaded again with 1, and the next request works", async () => {
    const host = new ScriptedEngineHost({ devices: gpuDevices, answer: () => "ok", crashOn: (r, load) => r.type === "generate" && onGpu(load) > 1 });
    const messages: string[] = [];
    const { model, gpuLayers } = await loadVisionModel({ ...base, gpuLayers: "max" }, { spawnHost: host.spawn, onFallback: (m) => messages.push(m) });
    try {
      assert.equal(gpuLayers, 1);
      assert.deepEqual(
        host.loads.map((l) => l.gpuLayers),
        ["max", 1],
      );
      const warm = host.processes[0]!.requests.find((r) => r.type === "generate");
      assert.ok(warm?.type === "generate" && warm.request.images?.[0]?.width === 64 * 28, "the warm-up frame is 4096 tokens (64×64 cells)");
      assert.match(messages[0] ?? "", /retrying with 1 of 2/);
      const image = {
        rgb: { data: new Uint8Array(560 * 560 * 3), width: 560, height: 560 },
        frame: { width: 560, height: 560, tokens: 400 },
        region: { x: 0, y: 0, width: 560, height: 560 },
        ms: 0,
      };
      assert.equal((await model.generate({ image, messages: [{ role: "user", content: "hi" }], maxTokens: 4 })).text, "ok");
      assert.equal(host.loads.length, 2, "the request did not crash and reload");
    } finally {
      await model.dispose();
    }
  });

  test("when even the CPU text model crashes on the first image, the vision encoder moves to the CPU too", async () => {
    const host = new ScriptedEngineHost({ devices: gpuDevices, answer: () => "ok", crashOn: (r, load) => r.type === "generate" && load.visionGpu !== false });
    const messages: string[] = [];
    const { model, gpuLayers, visionGpu } = await loadVisionModel({ ...base, gpuLayers: 2 }, { spawnHost: host.spawn, onFallback: (m) => messages.push(m) });
    try {
      assert.deepEqual([gpuLayers, visionGpu], [0, false]);
      assert.deepEqual(
        host.loads.map((l) => [l.gpuLayers, l.visionGpu]),
        [
          [2, true],
          [1, true],
          [0, true],
          [0, false],
        ],
      );
      assert.match(messages.at(-1) ?? "", /vision encoder .* on the CPU/);
    } finally {
      await model.dispose();
    }
  });

  test("on a CPU-only machine nothing is warmed up (no GPU buffers to reserve)", async () => {
    const host = new ScriptedEngineHost({ answer: () => "ok" });
    const { model } = await loadVisionModel({ ...base, gpuLayers: "auto" }, { spawnHost: host.spawn });
    await model.dispose();
    assert.equal(host.processes[0]!.requests.filter((r) => r.type === "generate").length, 0);
  });

  test("auto keeps mmproj + KV + compute free, from the files' own sizes, not a fixed 1.5 GiB", async () => {
    const host = new ScriptedEngineHost({ answer: () => "ok" });
    const { model } = await loadVisionModel({ ...base, gpuLayers: "auto", contextSize: 4096 }, { spawnHost: host.spawn });
    await model.dispose();
    const info = validateModelFiles(files.model, files.mmproj);
    assert.equal(host.loads[0]!.reserveBytes, estimateGpuReserve(info.shape, info.mmprojBytes, 4096, 4096).total);
  });
});
