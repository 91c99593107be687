import type { BenchmarkEvidence, ModelEvidence, PublishedScore } from "./ModelEvidence.js";

/** One line per benchmark: the authors' number, the independent re-runs (or that there are none), each with its source. */
export function describeEvidence(evidence: ModelEvidence): string[] {
  return [describeBenchmark("ScreenSpot-Pro", evidence.screenSpotPro), ...(evidence.osworld ? [describeBenchmark("OSWorld", evidence.osworld)] : [])];
}

function describeBenchmark(name: string, e: BenchmarkEvidence | undefined): string {
  if (!e || (!e.authors && e.reproductions.length === 0)) return `${name}: no published result found`;
  const parts = [
    e.authors ? `${score(e.authors)} by ${e.authors.reportedBy}` : "no authors' number found",
    e.reproductions.length > 0 ? `re-run: ${e.reproductions.map((r) => `${score(r)} by ${r.reportedBy}`).join("; ")}` : "not independently reproduced",
  ];
  return `${name}: ${parts.join("; ")}`;
}

function score(s: PublishedScore): string {
  return `${s.score.toFixed(1)} (${s.source}${s.detail ? `; ${s.detail}` : ""})`;
}
