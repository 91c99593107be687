import { basename } from "node:path";
import { statSync } from "node:fs";
import type { ModelSource } from "../service/createGrounder.js";

/** The timers the line uses (tests pass mocked ones). */
export interface LoadingClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const systemLoadingClock: LoadingClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/** How often a line is written while loading: a terminal's line is redrawn every second, a log gets one every 10 s. */
export const LOADING_LINE_EVERY_MS = { tty: 1_000, log: 10_000 } as const;

/** "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf, 2.1 GB" for a local model; undefined for any other source (nothing to load). */
export function describeModelToLoad(source: ModelSource | undefined): string | undefined {
  if (source?.kind !== "local") return undefined;
  const bytes = [source.modelPath, source.mmprojPath].reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
  return `${basename(source.modelPath)}${bytes > 0 ? `, ${(bytes / 1e9).toFixed(1)} GB` : ""}`;
}

/**
 * Runs `load` with a progress line on `err` (stderr; never stdout, which may hold the JSON
 * document): the model's name at once, its elapsed time at most every LOADING_LINE_EVERY_MS,
 * and the time it took when it is ready. The engine reports no fraction, so time is the progress.
 */
export async function withModelLoadingLine<T>(
  err: NodeJS.WritableStream,
  what: string | undefined,
  load: () => Promise<T>,
  clock: LoadingClock = systemLoadingClock,
): Promise<T> {
  if (what === undefined) return load();
  const tty = (err as { isTTY?: boolean }).isTTY === true;
  const started = clock.now();
  const seconds = () => ((clock.now() - started) / 1000).toFixed(tty ? 0 : 1);
  const write = (line: string, final = false) => err.write(tty ? `\r${line}\x1b[K${final ? "\n" : ""}` : `${line}\n`);
  write(`loading the model (${what})…`);
  const timer = clock.setInterval(() => write(`loading the model (${what})… ${seconds()} s`), tty ? LOADING_LINE_EVERY_MS.tty : LOADING_LINE_EVERY_MS.log);
  try {
    const loaded = await load();
    write(`model loaded in ${((clock.now() - started) / 1000).toFixed(1)} s (${what})`, true);
    return loaded;
  } catch (error) {
    if (tty) err.write("\n"); // the error's own line starts on a fresh line
    throw error;
  } finally {
    clock.clearInterval(timer);
  }
}
