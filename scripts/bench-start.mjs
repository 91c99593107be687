#!/usr/bin/env node
// `npm run bench:start`: how long the CLI takes to start, against a bare `node -e 0` on the same
// machine in the same run (issue 16's goal: --version and --help within 3×). Each case runs as
// a whole process, interleaved with the others, BENCH_RUNS times (default 15); medians.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

// `--baseline PATH/bin/deskpilot.js`: an older build's CLI, timed in the same rounds (before/after in one run).
const bin = new URL("../bin/deskpilot.js", import.meta.url).pathname;
const runs = Number(process.env.BENCH_RUNS ?? "15");
const json = process.argv.includes("--json");
const at = process.argv.indexOf("--baseline");
const baseline = at > 0 ? process.argv[at + 1] : undefined;
if (at > 0 && !baseline) throw new Error("--baseline needs the path of another build's bin/deskpilot.js");
const commands = [["--version"], ["--help"], ["models", "path"]];
const cases = [
  ["node -e 0", ["-e", "0"]],
  ...commands.flatMap((c) => [...(baseline ? [[`baseline: deskpilot ${c.join(" ")}`, [baseline, ...c]]] : []), [`deskpilot ${c.join(" ")}`, [bin, ...c]]]),
];
const times = new Map(cases.map(([name]) => [name, []]));
for (let i = 0; i < runs + 1; i++) {
  for (const [name, args] of cases) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    if (i > 0) times.get(name).push(ms); // the first round warms the file cache
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times.get("node -e 0"));
const rows = cases.map(([name]) => ({ name, medianMs: median(times.get(name)), ratio: median(times.get(name)) / base }));
if (json) process.stdout.write(`${JSON.stringify({ runs, rows }, null, 2)}\n`);
else for (const r of rows) process.stdout.write(`${r.name.padEnd(34)} ${r.medianMs.toFixed(0).padStart(5)} ms  ${r.ratio.toFixed(2)}× node -e 0\n`);
