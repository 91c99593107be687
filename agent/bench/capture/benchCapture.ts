import { median } from "../../stats/median.js";
import { createScreenSource, screenSources, type ScreenSourceName } from "../../capture/screenSources.js";

export interface CaptureBenchRow {
  source: ScreenSourceName;
  width: number;
  height: number;
  runs: number;
  medianMs: number;
  /** Median of this source over the reference source's median (screenshot-desktop); lower is faster. */
  ratioToReference: number;
  error?: string;
}

export const referenceSource: ScreenSourceName = "screenshot-desktop";

/** Times capture plus conversion to RGBA for every source on the primary display, in one process. */
export async function benchCapture(runs = 15, log: (line: string) => void = () => {}): Promise<CaptureBenchRow[]> {
  const rows: CaptureBenchRow[] = [];
  for (const name of Object.keys(screenSources) as ScreenSourceName[]) {
    const source = createScreenSource(name);
    const n = name === "screenshot-desktop" ? Math.max(3, Math.ceil(runs / 3)) : runs;
    const times: number[] = [];
    let size = { width: 0, height: 0 };
    try {
      await source.capture(); // warm-up: loads libraries, opens connections
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        const c = await source.capture();
        times.push(performance.now() - started);
        size = { width: c.width, height: c.height };
      }
      log(`${name}: median ${median(times).toFixed(1)} ms over ${n} runs at ${size.width}x${size.height}`);
      rows.push({ source: name, ...size, runs: n, medianMs: median(times), ratioToReference: NaN });
    } catch (error) {
      rows.push({ source: name, ...size, runs: 0, medianMs: NaN, ratioToReference: NaN, error: (error as Error).message });
    }
  }
  const ref = rows.find((r) => r.source === referenceSource)?.medianMs ?? NaN;
  return rows.map((r) => ({ ...r, ratioToReference: r.medianMs / ref }));
}
