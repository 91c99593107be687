import { GroundingAnswerError } from "../../profiles/errors/GroundingAnswerError.js";
import type { Grounder } from "../Grounder.js";
import type { SourceImage } from "../../frames/SourceImage.js";
import { loadImageFile } from "../../frames/sourceImages.js";
import type { EvalRecord } from "./loadScreenSpot.js";

export interface Tally {
  total: number;
  hits: number;
  accuracy: number;
}

export interface EvalReport {
  readonly overall: Tally;
  /** Items whose answer named no usable place (counted as misses). */
  readonly unanswered: number;
  /** Mean grounding time per item, ms (image decoding excluded). */
  readonly meanMs: number;
  /** key (platform, type, group) → value → tally. */
  readonly groups: Record<string, Record<string, Tally>>;
}

export interface EvalOptions {
  readonly zoom?: boolean | "auto";
  readonly signal?: AbortSignal;
  /** Before each item (for answerers that need to know which image: the test oracle). */
  readonly onItem?: (record: EvalRecord) => void;
  readonly onProgress?: (done: number, total: number, hits: number, meanMs: number) => void;
}

/** Grounds every record and scores a hit when the point falls inside the target box (edges included). */
export async function runEval(grounder: Grounder, records: readonly EvalRecord[], options: EvalOptions = {}): Promise<EvalReport> {
  const overall: Tally = { total: 0, hits: 0, accuracy: 0 };
  const groups: Record<string, Record<string, Tally>> = {};
  let unanswered = 0;
  let totalMs = 0;
  let cached: { path: string; image: SourceImage } | undefined;
  for (const record of records) {
    options.signal?.throwIfAborted();
    if (cached?.path !== record.image) cached = { path: record.image, image: await loadImageFile(record.image) };
    options.onItem?.(record);
    const started = performance.now();
    let hit = false;
    try {
      const { point } = await grounder.ground(cached.image, record.instruction, { mode: "point", zoom: options.zoom ?? "auto", signal: options.signal });
      const [x1, y1, x2, y2] = record.box;
      hit = point.x >= x1 && point.x <= x2 && point.y >= y1 && point.y <= y2;
    } catch (error) {
      if (!(error instanceof GroundingAnswerError)) throw error;
      unanswered++;
    }
    totalMs += performance.now() - started;
    count(overall, hit);
    for (const [key, value] of Object.entries(record.groups)) count(((groups[key] ??= {})[value] ??= { total: 0, hits: 0, accuracy: 0 }), hit);
    options.onProgress?.(overall.total, records.length, overall.hits, totalMs / overall.total);
  }
  return { overall, unanswered, meanMs: overall.total ? totalMs / overall.total : 0, groups };
}

function count(t: Tally, hit: boolean): void {
  t.total++;
  if (hit) t.hits++;
  t.accuracy = t.hits / t.total;
}
