import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalMacros } from "../../../agent/macros/LocalMacros.js";
import { macroFilePath } from "../../../agent/macros/macroFilePath.js";
import { macroCallSchemas } from "../../../agent/macros/macroCallSchemas.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { sampleMacro } from "./support/sampleMacro.js";

test("listMacros lists the library's macros and the broken ones with their reason", async () => {
  const dir = mkdtempSync(join(tmpdir(), "macro-lib-"));
  try {
    writeFileSync(join(dir, "a form.json"), JSON.stringify(sampleMacro()));
    writeFileSync(join(dir, "broken.json"), "{");
    writeFileSync(join(dir, "notes.txt"), "not a macro");
    const macros = new LocalMacros({ screen: new FakeScreenSource([]), input: new FakeInputDriver(), library: dir });
    const list = await macros.listMacros();
    assert.equal(list.length, 2);
    assert.ok("steps" in list[0]! && list[0].name === "fill the form");
    assert.ok("error" in list[1]! && list[1].error.code === "MACRO_INVALID");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("service clients name macros; a name can never leave the library folder", () => {
  assert.equal(macroFilePath("/lib", "Weekly report 2"), join("/lib", "Weekly report 2.json"));
  assert.equal(macroFilePath("/lib", "Grüße_v1.2"), join("/lib", "Grüße_v1.2.json"));
  for (const bad of ["../etc/passwd", "..", "a/b", "/abs", ".hidden", "a..b", "", "x".repeat(101), "a\\b"]) {
    assert.throws(() => macroFilePath("/lib", bad), { code: "BAD_USAGE" }, bad);
  }
  assert.equal(macroCallSchemas.playMacro.safeParse([{ name: "../x" }]).success, false);
  assert.equal(
    macroCallSchemas.playMacro.safeParse([{ name: "ok", allowRisky: true }]).success,
    false,
    "risky steps need the user's confirmation, not a flag from a client",
  );
  assert.equal(macroCallSchemas.playMacro.safeParse([{ name: "ok", path: "/etc/passwd" }]).success, false);
  assert.equal(macroCallSchemas.playMacro.safeParse([{ name: "ok", variables: { who: "Zoë" }, fast: true }]).success, true);
});

test("an edited macro is validated like a file before it is saved: steps reordered, deleted, given waits", async () => {
  const dir = mkdtempSync(join(tmpdir(), "macro-lib-"));
  try {
    const file = join(dir, "m.json");
    writeFileSync(file, JSON.stringify(sampleMacro()));
    const macros = new LocalMacros({ screen: new FakeScreenSource([]), input: new FakeInputDriver(), library: dir });
    const macro = await macros.loadMacro(file);
    const edited = { ...macro, steps: [{ ...macro.steps[1]!, waitBeforeMs: 1500 }, macro.steps[0]!] };
    const summary = await macros.saveMacro(file, edited);
    assert.deepEqual(
      summary.steps.map((s) => s.summary.slice(0, 20)),
      ["after 1500 ms, type ", 'click "the Name fiel'],
    );
    await assert.rejects(macros.saveMacro(file, { ...macro, steps: [{ kind: "exec", command: "rm -rf ~" }] }), { code: "MACRO_INVALID" });
    assert.equal((await macros.loadMacro(file)).steps.length, 2, "the bad edit left the file as it was");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
