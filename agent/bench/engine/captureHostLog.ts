import { fork } from "node:child_process";
import { channelOf, type SpawnHost } from "../../vision/HostChannel.js";

const GGML_LOG_LEVEL_INFO = 2;
const KEEP = 64 * 1024;

/**
 * An engine host that logs llama.cpp's info lines into `log()` instead of the terminal, so the
 * benchmark can read what the engine actually chose (n_ubatch, buffer sizes).
 */
export function captureHostLog(): { spawnHost: SpawnHost; log(): string } {
  let text = "";
  const spawnHost: SpawnHost = (entry) => {
    const child = fork(entry, [], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "pipe", "ipc"],
      env: { ...process.env, DESKPILOT_LLAMA_LOG_LEVEL: String(GGML_LOG_LEVEL_INFO) },
    });
    child.stderr?.on("data", (d: Buffer) => {
      text += d.toString();
      if (text.length > KEEP * 2) text = text.slice(0, KEEP) + text.slice(-KEEP);
    });
    return channelOf(child);
  };
  return { spawnHost, log: () => text };
}

/** llama.cpp's `n_ubatch = N` line from a context it created, if logged. */
export function ubatchFromLog(log: string): number | undefined {
  const m = /n_ubatch\s+=\s+(\d+)/.exec(log);
  return m ? Number(m[1]) : undefined;
}
