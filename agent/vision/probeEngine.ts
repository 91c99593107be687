import { EngineHostProcess } from "./EngineHostProcess.js";
import { forkHost, type SpawnHost } from "./HostChannel.js";
import type { EngineProbe } from "./hostProtocol.js";

/**
 * Asks a short-lived engine host which devices it finds and which it would use: the same process,
 * addon and backend choice a model load gets, so what it says is what a load will do. Throws what
 * the host threw (NativeAddonError's message when the addon is not built).
 */
export async function probeEngine(spawnHost: SpawnHost = forkHost): Promise<EngineProbe> {
  const host = new EngineHostProcess(spawnHost);
  try {
    return (await host.call({ type: "probe", id: 1 })) as EngineProbe;
  } finally {
    host.kill();
  }
}
