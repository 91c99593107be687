import type { BenchmarkEvidence, ModelEvidence, PublishedScore } from "../../../../agent/models/ModelEvidence.js";

// The app opens no outside pages (setupSecurity denies navigation), so a source is shown as text to copy.
function Source({ score }: { score: PublishedScore }) {
  return (
    <>
      {" "}
      (source: <code className="source">{score.source}</code>
      {score.detail ? `; ${score.detail}` : ""})
    </>
  );
}

function Benchmark({ name, evidence }: { name: string; evidence: BenchmarkEvidence | undefined }) {
  if (!evidence || (!evidence.authors && evidence.reproductions.length === 0)) {
    return (
      <li>
        {name}: <span className="note">no published result found</span>
      </li>
    );
  }
  return (
    <li>
      {name}:{" "}
      {evidence.authors ? (
        <>
          <strong>{evidence.authors.score.toFixed(1)}</strong> reported by {evidence.authors.reportedBy}
          <Source score={evidence.authors} />
        </>
      ) : (
        <span className="note">no number from the authors found</span>
      )}
      {evidence.reproductions.length > 0 ? (
        evidence.reproductions.map((r) => (
          <span key={r.source} className="reproduced">
            ; reproduced: <strong>{r.score.toFixed(1)}</strong> by {r.reportedBy}
            <Source score={r} />
          </span>
        ))
      ) : (
        <span className="not-reproduced">; not independently reproduced</span>
      )}
    </li>
  );
}

/** A model's published benchmark results, each with who reported it, its source, and whether anyone re-ran it. */
export function EvidenceList({ evidence }: { evidence: ModelEvidence }) {
  return (
    <ul className="evidence" aria-label="Published results">
      <Benchmark name="ScreenSpot-Pro" evidence={evidence.screenSpotPro} />
      {evidence.osworld && <Benchmark name="OSWorld" evidence={evidence.osworld} />}
    </ul>
  );
}
