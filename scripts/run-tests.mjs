#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with Node's test runner, one file
// at a time: the end-to-end layers share one X display and must not interleave.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("../dist/test/", import.meta.url).pathname;
const only = process.argv.slice(2);

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" ? [] : find(path);
    return name.endsWith(".test.js") ? [path] : [];
  });
}

let files = find(root).sort();
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error(`No test files found under ${root}${only.length ? ` matching ${only.join(", ")}` : ""}; run \`npm run build\` first.`);
  process.exit(1);
}
// A test that hangs fails after 15 minutes instead of eating CI's whole budget, and a file
// whose tests are done exits even if something it started still holds the event loop.
const guards = ["--test-timeout=900000", "--test-force-exit"];
const result = spawnSync(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", ...guards, ...files], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
