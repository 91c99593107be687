import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../../support/cli.js";
import { sampleMacro } from "./support/sampleMacro.js";
import type { MacroSummary } from "../../../agent/macros/MacrosApi.js";

const noDisplay = { ...process.env, DISPLAY: "" };

test("macro show lists variables and steps; --json gives the summary", async () => {
  const dir = mkdtempSync(join(tmpdir(), "macro-cli-"));
  try {
    const file = join(dir, "m.json");
    writeFileSync(file, JSON.stringify(sampleMacro()));
    const human = await deskpilot(["macro", "show", file], noDisplay);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^fill the form — 7 steps \(format version 1\)/);
    assert.match(human.stdout, /\{\{name\}\} = "Ada"/);
    assert.match(human.stdout, /\{\{city\}\} \(required\)/);
    assert.match(human.stdout, / {2}2\. type "Hello \{\{name\}\} from \{\{ city \}\}!"/);
    assert.match(human.stdout, / {2}5\. drag "the Save button" at \(100, 100\), crop 1x1 to "the bin" at \(400, 300\)/);
    const json = await deskpilot(["macro", "show", file, "--json"], noDisplay);
    const summary = JSON.parse(json.stdout) as MacroSummary;
    assert.deepEqual(
      summary.variables.map((v) => [v.name, v.required]),
      [
        ["name", false],
        ["city", true],
      ],
    );
    assert.equal(summary.steps.length, 7);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad files exit 1 with the reason; bad flags exit 2; play without a display says so before any input", async () => {
  const dir = mkdtempSync(join(tmpdir(), "macro-cli-"));
  try {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...sampleMacro(), version: 7 }));
    const r = await deskpilot(["macro", "show", bad], noDisplay);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /version 7, newer than this DeskPilot reads/);
    const missing = await deskpilot(["macro", "play", join(dir, "nope.json")], noDisplay);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.json is not valid: it cannot be read/);
    const good = join(dir, "m.json");
    writeFileSync(good, JSON.stringify(sampleMacro()));
    assert.equal((await deskpilot(["macro", "play", good, "--var", "=x"], noDisplay)).code, 2);
    assert.equal((await deskpilot(["macro", "play", good, "--min-confidence", "3"], noDisplay)).code, 2);
    const unset = await deskpilot(["macro", "play", good], noDisplay);
    assert.equal(unset.code, 1);
    assert.match(unset.stderr, /"city" has no value/);
    const headless = await deskpilot(["macro", "play", good, "--var", "city=Zürich"], noDisplay);
    assert.equal(headless.code, 1);
    assert.match(headless.stderr, /DISPLAY/);
    assert.equal(headless.signal, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
