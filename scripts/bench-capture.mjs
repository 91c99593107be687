#!/usr/bin/env node
// `npm run bench:capture`: the median capture+convert time of every screen source at 1080p
// and at 4K, in one run. Each resolution gets its own temporary Xvfb; within a resolution all
// sources run in the same process, and each is reported as a ratio to screenshot-desktop.
import { execFileSync } from "node:child_process";
import { xvfb } from "./xvfb.mjs";

const sizes = [
  ["1080p", 1920, 1080],
  ["4K", 3840, 2160],
];
const runs = process.env.BENCH_RUNS ?? "15";
const bin = new URL("../bin/deskpilot.js", import.meta.url).pathname;

const table = [];
for (const [label, width, height] of sizes) {
  const x = await xvfb(width, height);
  try {
    // Something to look at, so PNG-based sources do real work.
    execFileSync("xsetroot", ["-solid", "#3a6ea5"], { env: { ...process.env, DISPLAY: x.display }, stdio: "ignore" });
  } catch {
    // xsetroot is optional
  }
  try {
    const out = execFileSync(process.execPath, [bin, "bench", "capture", "--runs", runs, "--json"], {
      env: { ...process.env, DISPLAY: x.display },
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
    });
    table.push([label, JSON.parse(out)]);
  } finally {
    x.stop();
  }
}

const sources = table[0][1].rows.map((r) => r.source);
const head = ["source".padEnd(20), ...table.map(([l]) => `${l} median ms`.padStart(16), ...[]), ...table.map(([l]) => `${l} × ref`.padStart(11))];
console.log(`\nCapture + convert to RGBA, median of ${runs} runs (reference: ${table[0][1].reference})`);
console.log(head.join(" "));
for (const s of sources) {
  const cells = table.map(([, t]) => t.rows.find((r) => r.source === s));
  console.log(
    [
      s.padEnd(20),
      ...cells.map((c) => (c.error ? "error" : c.medianMs.toFixed(1)).padStart(16)),
      ...cells.map((c) => (c.error ? "-" : c.ratioToReference.toFixed(3)).padStart(11)),
    ].join(" "),
  );
}
for (const [label, t] of table) for (const r of t.rows) if (r.error) console.log(`${label} ${r.source}: ${r.error}`);
