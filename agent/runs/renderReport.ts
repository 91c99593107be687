import { readFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import type { RunLog } from "./readRunLog.js";
import type { StepEntry } from "./RunLogEntry.js";

const PHASES = ["captureMs", "prepareMs", "modelMs", "policyMs", "confirmMs", "actMs", "settleMs"] as const;
const COLOURS = ["#8ab", "#79c", "#e94", "#c6c", "#dd5", "#5b5", "#aaa"];

/**
 * A self-contained HTML report of a run: summary, step timeline with timings, and every
 * annotated screenshot inlined (JPEG, at most `maxWidth` wide), so it needs no network and no files.
 */
export async function renderReport(log: RunLog, options: { maxWidth?: number } = {}): Promise<string> {
  const maxWidth = options.maxWidth ?? 1280;
  const images = await Promise.all(log.steps.map((s) => inlineImage(log.dir, s.screenshot, maxWidth)));
  const slowest = Math.max(1, ...log.steps.map((s) => s.timings.totalMs));
  const status = log.end ? `${log.end.status}: ${log.end.reason}` : "did not finish (the log ends without run-end: crashed or still running)";
  const rows = log.steps
    .map(
      (s) =>
        `<tr class="${s.outcome}"><td><a href="#step-${s.step}">${s.step}</a></td><td>${esc(s.outcome)}</td><td><code>${esc(describe(s))}</code></td><td>${bar(s, slowest)}</td><td>${ms(s.timings.totalMs)}</td></tr>`,
    )
    .join("\n");
  const details = log.steps.map((s, i) => stepSection(s, images[i])).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>DeskPilot run: ${esc(log.start?.task ?? log.dir)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1320px;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
tr.failed td,tr.refused td{background:#fee}tr.terminate td{background:#efe}tr.dry-run td{background:#eef}
.bar{display:flex;height:12px;width:300px}.bar span{display:block;height:12px}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
section{margin:2em 0;border-top:2px solid #ccc;padding-top:1em}img{max-width:100%;border:1px solid #999}
pre{background:#f6f6f6;padding:6px;white-space:pre-wrap;word-break:break-all}.status{font-size:1.2em;font-weight:bold}
</style></head><body>
<h1>DeskPilot run</h1>
<p><b>Task:</b> ${esc(log.start?.task ?? "(unknown)")}</p>
<p class="status">${esc(status)}</p>
<p>${log.steps.length} steps${log.end ? `, ${ms(log.end.totalMs)} in all` : ""}${log.start ? `, started ${esc(log.start.startedAt)}` : ""}${log.badLines ? `, ${log.badLines} unreadable log line(s)` : ""}</p>
<h2>Timeline</h2>
<p class="legend">${PHASES.map((p, i) => `<span style="background:${COLOURS[i]}"></span>${p.replace("Ms", "")}`).join("")}</p>
<table><thead><tr><th>#</th><th>outcome</th><th>action (screen px)</th><th>time by phase</th><th>total</th></tr></thead><tbody>
${rows}
</tbody></table>
${details}
<h2>Settings</h2><pre>${esc(JSON.stringify(log.start?.settings ?? {}, null, 2))}</pre>
</body></html>
`;
}

function stepSection(s: StepEntry, image: string | undefined): string {
  return `<section id="step-${s.step}"><h2>Step ${s.step}: ${esc(s.outcome)}</h2>
<p>${esc(s.observation)}</p>
${image ? `<img alt="step ${s.step} screenshot" src="${image}">` : "<p>(no screenshot)</p>"}
<p><b>Action:</b> <code>${esc(describe(s))}</code>${s.point ? ` at (${s.point.x}, ${s.point.y})` : ""}; model frame ${s.frame.width}×${s.frame.height}, capture ${s.capture.width}×${s.capture.height}</p>
${s.policy ? `<p><b>Policy:</b> ${esc(s.policy.verdict)}${s.policy.reasons.length ? ` (${esc(s.policy.reasons.join("; "))})` : ""}${s.policy.confirmed !== undefined ? `, user ${s.policy.confirmed ? "allowed" : "refused"}` : ""}</p>` : ""}
<p><b>Timings:</b> ${PHASES.map((p) => `${p.replace("Ms", "")} ${ms(s.timings[p])}`).join(", ")}</p>
<details><summary>Model answer</summary><pre>${esc(s.raw ?? "")}</pre></details></section>`;
}

function describe(s: StepEntry): string {
  return s.screenAction ? JSON.stringify(s.screenAction) : s.action ? JSON.stringify(s.action) : "(no usable action)";
}

function bar(s: StepEntry, slowest: number): string {
  return `<div class="bar">${PHASES.map((p, i) => `<span title="${p} ${ms(s.timings[p])}" style="width:${(300 * s.timings[p]) / slowest}px;background:${COLOURS[i]}"></span>`).join("")}</div>`;
}

async function inlineImage(dir: string, file: string | undefined, maxWidth: number): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    const jpeg = await sharp(await readFile(join(dir, file)))
      .resize({ width: maxWidth, withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return undefined;
  }
}

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
