import { readFileSync } from "node:fs";
import { processCpuSeconds } from "./processCpuSeconds.js";

/** A process's peak resident memory so far (Linux VmHWM) in bytes, or undefined where /proc has none. */
export function peakRssBytes(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples a child's VmHWM and CPU time until it exits (neither can be read after); the peak is
 * reached while it computes, long before the last sample. `stop()` returns what was seen last.
 */
export function watchPeakRss(pid: number, everyMs = 200): { cpuSeconds(): number | undefined; stop(): { peakRssBytes?: number; cpuSeconds?: number } } {
  let peak: number | undefined;
  let cpu: number | undefined;
  const sample = () => {
    const v = peakRssBytes(pid);
    if (v !== undefined) peak = Math.max(peak ?? 0, v);
    cpu = processCpuSeconds(pid) ?? cpu;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    cpuSeconds: () => processCpuSeconds(pid) ?? cpu,
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssBytes: peak, cpuSeconds: cpu };
    },
  };
}
