import type { Capture } from "../ports/Capture.js";
import type { ImagePoint, LogicalPoint } from "../geometry/pixelSpace.js";
import type { RunLogEntry, TargetImage } from "./RunLogEntry.js";

/** A mark drawn on a step's screenshot, in the capture's own (image) pixels. */
export interface ScreenshotMark {
  readonly point?: ImagePoint;
  readonly label: string;
}

/** One run's record: log lines and screenshots. */
export interface RunRecord {
  /** Where the run's files are, when it has a folder. */
  readonly dir?: string;
  append(entry: RunLogEntry): Promise<void>;
  /** Stores the step's screenshot (with the mark drawn) and returns its path relative to `dir`. */
  screenshot(step: number, capture: Capture, mark?: ScreenshotMark): Promise<string | undefined>;
  /** Stores the unannotated screen around `point` (global logical px) for saving the run as a macro; absent: not kept. */
  targetImage?(step: number, capture: Capture, point: LogicalPoint): Promise<TargetImage | undefined>;
  close(): Promise<void>;
}

/** Where runs are recorded. */
export interface RunStore {
  open(runId: string): Promise<RunRecord>;
}

/** A store that keeps entries in memory (tests, and callers that want no files). */
export class MemoryRunStore implements RunStore {
  readonly runs = new Map<string, RunLogEntry[]>();

  async open(runId: string): Promise<RunRecord> {
    const entries: RunLogEntry[] = [];
    this.runs.set(runId, entries);
    return {
      append: async (entry) => void entries.push(entry),
      screenshot: async (step) => `step-${step}.png`,
      close: async () => {},
    };
  }
}
