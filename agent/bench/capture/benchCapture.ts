import { median } from "../../stats/median.js";
import { createScreenSource, screenSources, type ScreenSourceName } from "../../capture/screenSources.js";
import { prepareFrame } from "../../frames/prepareFrame.js";
import { sourceFromCapture } from "../../frames/sourceImages.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../frames/TokenBounds.js";

export interface CaptureBenchRow {
  source: ScreenSourceName;
  /** The source that did the work: a source that falls back (x11-shm to nut-js) names the one it used. */
  capturedBy: string;
  width: number;
  height: number;
  runs: number;
  /** Capture, conversion to RGBA included: median ms. */
  medianMs: number;
  /** Of medianMs, the conversion to RGBA where it is a step of its own (nut-js); undefined where the copy does it. */
  convertMs?: number;
  /** The model frame prepared from that capture (DEFAULT_TOKEN_BOUNDS): median ms. */
  prepareMs: number;
  /** Capture and preparation together, the median of their sums: what a step pays before the model. */
  captureAndPrepareMs: number;
  /** Median of this source over the reference source's median (screenshot-desktop); lower is faster. */
  ratioToReference: number;
  error?: string;
}

export const referenceSource: ScreenSourceName = "screenshot-desktop";

/**
 * Times capture (with its conversion to RGBA) and the model frame's preparation for every
 * source (or the `only` ones) on the primary display, in one process, each phase on its own.
 */
export async function benchCapture(
  runs = 15,
  log: (line: string) => void = () => {},
  only: readonly ScreenSourceName[] = Object.keys(screenSources) as ScreenSourceName[],
): Promise<CaptureBenchRow[]> {
  const rows: CaptureBenchRow[] = [];
  for (const name of only) {
    const source = createScreenSource(name);
    const n = name === "screenshot-desktop" ? Math.max(3, Math.ceil(runs / 3)) : runs;
    const capture: number[] = [];
    const convert: number[] = [];
    const prepare: number[] = [];
    const both: number[] = [];
    let size = { width: 0, height: 0 };
    let capturedBy: string = name;
    try {
      await prepareFrame(sourceFromCapture(await source.capture()), DEFAULT_TOKEN_BOUNDS); // warm-up: libraries, connections
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        const c = await source.capture();
        const captured = performance.now();
        await prepareFrame(sourceFromCapture(c), DEFAULT_TOKEN_BOUNDS);
        const prepared = performance.now();
        capture.push(captured - started);
        prepare.push(prepared - captured);
        both.push(prepared - started);
        if (c.convertMs !== undefined) convert.push(c.convertMs);
        size = { width: c.width, height: c.height };
        capturedBy = c.source;
      }
      log(
        `${name}: capture ${median(capture).toFixed(1)} ms, preparation ${median(prepare).toFixed(1)} ms over ${n} runs at ${size.width}x${size.height}` +
          (capturedBy !== name ? ` (captured by ${capturedBy})` : ""),
      );
      rows.push({
        source: name,
        capturedBy,
        ...size,
        runs: n,
        medianMs: median(capture),
        ...(convert.length > 0 ? { convertMs: median(convert) } : {}),
        prepareMs: median(prepare),
        captureAndPrepareMs: median(both),
        ratioToReference: NaN,
      });
    } catch (error) {
      rows.push({
        source: name,
        capturedBy,
        ...size,
        runs: 0,
        medianMs: NaN,
        prepareMs: NaN,
        captureAndPrepareMs: NaN,
        ratioToReference: NaN,
        error: (error as Error).message,
      });
    }
  }
  const ref = rows.find((r) => r.source === referenceSource)?.medianMs ?? NaN;
  return rows.map((r) => ({ ...r, ratioToReference: r.medianMs / ref }));
}
