#!/usr/bin/env node
// `npm run bench:capture`: the median capture (with its conversion to RGBA), conversion and
// model-frame preparation time of every screen source at 1080p and at 4K, in one run. Each resolution gets its own temporary Xvfb; within a resolution all
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
const ms = (v) => (v === undefined || Number.isNaN(v) ? "-" : v.toFixed(1));
console.log(`\nMedians of ${runs} runs: capture (conversion to RGBA included), of which the conversion, then the model frame's preparation`);
console.log(`(reference for the ratio: ${table[0][1].reference})`);
console.log(
  ["source".padEnd(20), "size".padEnd(10), "capture".padStart(9), "convert".padStart(9), "prepare".padStart(9), "both".padStart(9), "× ref".padStart(7)].join(
    " ",
  ),
);
for (const [label, t] of table) {
  for (const s of sources) {
    const c = t.rows.find((r) => r.source === s);
    const cells = c.error
      ? ["error", "-", "-", "-", "-"]
      : [ms(c.medianMs), ms(c.convertMs), ms(c.prepareMs), ms(c.captureAndPrepareMs), c.ratioToReference.toFixed(3)];
    const by = c.capturedBy && c.capturedBy !== s ? ` (captured by ${c.capturedBy})` : "";
    console.log([`${s}${by}`.padEnd(20), label.padEnd(10), ...cells.slice(0, 4).map((v) => v.padStart(9)), cells[4].padStart(7)].join(" "));
  }
}
for (const [label, t] of table) for (const r of t.rows) if (r.error) console.log(`${label} ${r.source}: ${r.error}`);
