import type { EvalReport, Tally } from "./runEval.js";

const pct = (t: Tally) => `${(t.accuracy * 100).toFixed(1)}%`.padStart(6);

/** The report as a small table: overall, then each grouping key. */
export function formatEvalReport(r: EvalReport): string {
  const lines = [
    `overall      ${pct(r.overall)}  ${r.overall.hits}/${r.overall.total}   mean ${(r.meanMs / 1000).toFixed(2)} s/item${r.unanswered ? `   ${r.unanswered} unanswered` : ""}`,
  ];
  for (const [key, values] of Object.entries(r.groups)) {
    lines.push(`by ${key}`);
    for (const [value, t] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${value.padEnd(10)} ${pct(t)}  ${t.hits}/${t.total}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Several prompts over the same items: one accuracy row each, then each prompt's full report. */
export function formatPromptComparison(reports: Record<string, EvalReport>): string {
  const names = Object.keys(reports);
  const width = Math.max(...names.map((n) => n.length));
  const rows = names.map((name) => {
    const r = reports[name]!;
    return `prompt ${name.padEnd(width)}  ${pct(r.overall)}  ${r.overall.hits}/${r.overall.total}   mean ${(r.meanMs / 1000).toFixed(2)} s/item${r.unanswered ? `   ${r.unanswered} unanswered` : ""}`;
  });
  return `${rows.join("\n")}\n${names.map((name) => `\n[${name}]\n${formatEvalReport(reports[name]!)}`).join("")}`;
}

/** One progress line: a bar, count, running accuracy and time per item. */
export function progressLine(done: number, total: number, hits: number, meanMs: number, width = 24): string {
  const filled = Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}  acc ${((hits / done) * 100).toFixed(1)}%  ${(meanMs / 1000).toFixed(2)} s/item`;
}
