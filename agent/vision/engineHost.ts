// The engine's host process (docs/design.md §5): llama.cpp aborts its process on some failures, so it
// runs here, and the parent (HostedVisionModel) survives and reloads. One model per host.
import type { AddonVisionModel, VisionAddon } from "../../native/AddonTypes.js";
import { loadVisionAddon, type LoadedBackends } from "../../native/loadVisionAddon.js";
import { chooseEngineDevices, describeDevices } from "./chooseEngineDevices.js";
import { engineReportOf } from "./EngineReport.js";
import type { EngineProbe, HostReply, HostRequest } from "./hostProtocol.js";
import { placementNotes } from "./placementNotes.js";
import { resolveGpuLayers } from "./resolveGpuLayers.js";

let addon: VisionAddon | undefined;
let backends: LoadedBackends | undefined;
let model: AddonVisionModel | undefined;

// Electron's utilityProcess talks through process.parentPort; a Node child through process.send.
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: "message", listener: (event: { data: HostRequest }) => void): void;
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort;

function send(reply: HostReply): void {
  if (parentPort) parentPort.postMessage(reply);
  else process.send?.(reply);
}

function fail(id: number, error: unknown): void {
  const e = error as { code?: string; message?: string };
  send({ type: "error", id, error: { code: e.code ?? "ENGINE_ERROR", message: e.message ?? String(error) } });
}

async function handle(msg: HostRequest): Promise<void> {
  switch (msg.type) {
    case "probe": {
      const a = ensureAddon();
      const chosen = chooseEngineDevices(a.devices());
      const probe: EngineProbe = {
        devices: describeDevices(a.devices()),
        use: chosen.use.map((d) => d.name),
        gpuBackendDir: backends!.gpu?.dir,
        notes: [...backends!.notes, ...chosen.notes],
      };
      send({ type: "done", id: msg.id, value: probe });
      return;
    }
    case "load": {
      const a = ensureAddon();
      const { textBytes, textLayers, reserveBytes, gpuLayers, ...rest } = msg.options;
      const chosen = chooseEngineDevices(a.devices());
      const layers = resolveGpuLayers(gpuLayers, chosen.use, textBytes, textLayers, reserveBytes);
      model = new a.VisionModel();
      const { placement, ...info } = await model.load({ ...rest, gpuLayers: layers, devices: chosen.use.map((d) => d.name) });
      const notes = placementNotes({
        requested: gpuLayers,
        placement,
        visionGpu: rest.visionGpu ?? true,
        usable: chosen.use,
        skipped: [...backends!.notes, ...chosen.notes],
      });
      const report = engineReportOf(describeDevices(a.devices()), placement, notes);
      send({
        type: "done",
        id: msg.id,
        value: { ...info, gpuLayers: layers, devices: a.devices(), report, gpuBackendDir: backends!.gpu?.dir, pid: process.pid },
      });
      return;
    }
    case "generate": {
      if (!model) throw Object.assign(new Error("the model is not loaded"), { code: "NOT_LOADED" });
      const value = await model.generate(msg.request, (text) => send({ type: "token", id: msg.id, text }));
      send({ type: "done", id: msg.id, value });
      return;
    }
    case "layout": {
      if (!model) throw Object.assign(new Error("the model is not loaded"), { code: "NOT_LOADED" });
      send({ type: "done", id: msg.id, value: await model.layout(msg.width, msg.height) });
      return;
    }
    case "memory":
      send({ type: "done", id: msg.id, value: addon?.buffers() ?? [] });
      return;
    case "cancel":
      model?.cancel(msg.id);
      return;
    case "dispose":
      await model?.dispose();
      model = undefined;
      send({ type: "done", id: msg.id, value: null });
      if (parentPort)
        setTimeout(() => process.exit(0), 100); // let the reply go out first
      else process.disconnect?.();
      return;
  }
}

function ensureAddon(): VisionAddon {
  if (!addon) ({ addon, backends } = loadVisionAddon());
  return addon;
}

const onMessage = (msg: HostRequest) => {
  handle(msg).catch((error: unknown) => fail(msg.id, error));
};
if (parentPort) parentPort.on("message", (event) => onMessage(event.data));
else process.on("message", onMessage);
// the parent is gone: nothing left to serve
process.on("disconnect", () => process.exit(0));
// Every request but "dispose" needs the addon: load it now, while the parent prepares the first
// (a host started early has it ready when the load arrives). A failure is the first request's to report.
setImmediate(() => {
  try {
    ensureAddon();
  } catch {
    // loadVisionAddon runs again for the request, and its error goes back with it
  }
});
