/** One published number for one benchmark, and who published it where. */
export interface PublishedScore {
  /** Percent, as the source prints it. */
  readonly score: number;
  /** Who measured it: the model's authors, or the independent group that re-ran it. */
  readonly reportedBy: string;
  /** Where it is printed (paper, README, model card). */
  readonly source: string;
  /** What the number depends on (steps, split, how it was read), when that matters. */
  readonly detail?: string;
}

/** A benchmark's results for one model: the authors' claim and any independent re-runs. */
export interface BenchmarkEvidence {
  readonly authors?: PublishedScore;
  readonly reproductions: readonly PublishedScore[];
}

/** What a user can weigh a model on: GUI grounding (ScreenSpot-Pro) and, where published, OSWorld. */
export interface ModelEvidence {
  readonly screenSpotPro?: BenchmarkEvidence;
  /** OSWorld or OSWorld-Verified success rate (`detail` says which, and the step budget). */
  readonly osworld?: BenchmarkEvidence;
}

/**
 * The number a recommendation ranks by: the lowest published one (authors' or a re-run), so a
 * claim an independent run could not repeat does not win on that claim. undefined: nothing published.
 */
export function rankingScore(evidence: BenchmarkEvidence | undefined): number | undefined {
  if (!evidence) return undefined;
  const scores = [...(evidence.authors ? [evidence.authors.score] : []), ...evidence.reproductions.map((r) => r.score)];
  return scores.length > 0 ? Math.min(...scores) : undefined;
}

/** Whether someone other than the authors re-ran the benchmark and published the number. */
export function isReproduced(evidence: BenchmarkEvidence | undefined): boolean {
  return (evidence?.reproductions.length ?? 0) > 0;
}
