import type { AddonDevice, AddonGenerateRequest, AddonGenerateResult } from "../../native/AddonTypes.js";
import type { HostChannel, SpawnHost } from "../../agent/vision/HostChannel.js";
import type { HostLoadOptions, HostReply, HostRequest } from "../../agent/vision/hostProtocol.js";

export interface ScriptedHostOptions {
  /** The devices the host "sees" (default: the CPU only). */
  readonly devices?: readonly AddonDevice[];
  /** The answer to a generate request (default: an empty answer). */
  readonly answer?: (request: AddonGenerateRequest) => string;
  /** Whether the host process dies (as llama.cpp aborts when a GPU allocation fails) on this request. */
  readonly crashOn?: (request: HostRequest, load: HostLoadOptions) => boolean;
}

/** One started host: what it loaded and was asked. */
export interface ScriptedHostProcess {
  readonly load: HostLoadOptions | undefined;
  readonly requests: HostRequest[];
  crashed: boolean;
}

/**
 * An engine host without llama.cpp (unit tests of what loads, when, and with what): it answers
 * load, generate (image frames as given), memory and dispose, and can "crash" on a request.
 */
export class ScriptedEngineHost {
  readonly processes: ScriptedHostProcess[] = [];

  constructor(private readonly options: ScriptedHostOptions = {}) {}

  /** The hosts that received a load request, in order. */
  get loads(): HostLoadOptions[] {
    return this.processes.flatMap((p) => (p.load ? [p.load] : []));
  }

  readonly spawn: SpawnHost = () => {
    const proc: ScriptedHostProcess = { load: undefined, requests: [], crashed: false };
    this.processes.push(proc);
    let listener: (m: HostReply) => void = () => {};
    let exit: (how: string) => void = () => {};
    const reply = (m: HostReply) => queueMicrotask(() => !proc.crashed && listener(m));
    const crash = () =>
      queueMicrotask(() => {
        if (proc.crashed) return;
        proc.crashed = true;
        exit("signal SIGABRT");
      });
    const channel: HostChannel = {
      pid: 1000 + this.processes.length,
      send: (m: HostRequest) => {
        if (proc.crashed) return;
        proc.requests.push(m);
        if (m.type === "load") (proc as { load: HostLoadOptions }).load = m.options;
        if (m.type !== "cancel" && proc.load && this.options.crashOn?.(m, proc.load)) return crash();
        const devices = this.options.devices ?? [{ name: "CPU", description: "scripted", type: "cpu", memoryFree: 8e9, memoryTotal: 8e9 }];
        switch (m.type) {
          case "load": {
            const g = m.options.gpuLayers;
            const gpuLayers = typeof g === "number" ? g : g === "max" ? -1 : devices.some((d) => d.type !== "cpu") ? -1 : 0;
            return reply({
              type: "done",
              id: m.id,
              value: { nEmbd: 64, contextSize: m.options.contextSize, memory: "kv", gpuLayers, devices, pid: channel.pid },
            });
          }
          case "generate":
            return reply({ type: "done", id: m.id, value: generated(m.request, this.options.answer?.(m.request) ?? "") });
          case "memory":
            return reply({ type: "done", id: m.id, value: [] });
          case "layout":
            return reply({
              type: "done",
              id: m.id,
              value: { nx: Math.round(m.width / 28), ny: Math.round(m.height / 28), tokens: Math.round(m.width / 28) * Math.round(m.height / 28) },
            });
          case "dispose":
            reply({ type: "done", id: m.id, value: null });
            return queueMicrotask(() => exit("exit code 0"));
          case "cancel":
          case "probe": // not scripted: a probe gets no answer here (the engine's own tests probe the real host)
            return;
        }
      },
      onMessage: (l) => void (listener = l),
      onExit: (l) => void (exit = l),
      kill: () => crash(),
    };
    return channel;
  };
}

function generated(request: AddonGenerateRequest, text: string): AddonGenerateResult {
  const image = request.images?.at(-1) ?? request.image;
  const nx = image ? image.width / 28 : 0;
  const ny = image ? image.height / 28 : 0;
  return {
    text,
    stopReason: "eog",
    promptTokens: 100 + nx * ny,
    imageTokens: nx * ny,
    imageNx: nx,
    imageNy: ny,
    generatedTokens: 1,
    reusedTokens: 0,
    contextTokens: 0,
    encodedImages: image ? 1 : 0,
    timings: { prepareMs: 0, encodeMs: 0, prefillMs: 0, decodeMs: 0 },
  };
}
