import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../../support/cli.js";
import { sampleMacro } from "./support/sampleMacro.js";
import { MACRO_NAME_RULE, macroFileArg, macroFilePath, macroLibraryDir } from "../../../agent/macros/macroFilePath.js";
import { macroCallSchemas } from "../../../agent/macros/macroCallSchemas.js";
import { createAppService } from "../../../agent/service/createAppService.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { singleHd } from "../../support/displayLayouts.js";
import type { MacroSummary } from "../../../agent/macros/MacrosApi.js";

test("a `deskpilot macro` argument is a library name (as the panel names macros) or a file path", () => {
  assert.equal(macroFileArg("add a contact", "/lib"), macroFilePath("/lib", "add a contact"));
  assert.equal(macroFileArg("Grüße_v1.2", "/lib"), join("/lib", "Grüße_v1.2.json"));
  assert.equal(macroFileArg("./m.json", "/lib"), "./m.json");
  assert.equal(macroFileArg("m.json", "/lib"), "m.json");
  assert.equal(macroFileArg("/tmp/x", "/lib"), "/tmp/x");
});

test("a bad macro name is refused with a sentence saying what a name may be and an example, never a regular expression", () => {
  for (const bad of ["..", ".hidden", "a..b", "", "x".repeat(101), "what?"]) {
    assert.throws(
      () => macroFilePath("/lib", bad),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, "BAD_USAGE");
        assert.equal(e.message, `"${bad}" is not a macro name. ${MACRO_NAME_RULE}`);
        return true;
      },
    );
  }
  assert.match(MACRO_NAME_RULE, /for example "add a contact"/);
  const refused = macroCallSchemas.playMacro.safeParse([{ name: "what?" }]);
  assert.equal(refused.success, false);
  assert.deepEqual(
    refused.error.issues.map((i) => i.message),
    [MACRO_NAME_RULE],
  );
  assert.throws(() => macroFileArg("what?", "/lib"), /is neither a macro file nor a macro name\. A macro name is 1 to 100 letters/);
});

test("the panel and the CLI find a macro by the same name: the service's showMacro and `deskpilot macro show NAME` read one file", async () => {
  const home = mkdtempSync(join(tmpdir(), "macro-names-"));
  try {
    const env = { ...process.env, DESKPILOT_HOME: home, DISPLAY: "" };
    const library = macroLibraryDir(env);
    const service = createAppService({ env, screen: new FakeScreenSource(singleHd), input: new FakeInputDriver() });
    const dispatch = createDispatcher(service);
    try {
      const lib = (await dispatch("listMacros", [])) as { ok: true; value: unknown[] };
      assert.deepEqual(lib.value, []);
      // Where the panel's library lives for this user, as the CLI resolves it.
      const file = macroFilePath(library, "add a contact");
      mkdirSync(library, { recursive: true });
      writeFileSync(file, JSON.stringify({ ...sampleMacro(), name: "inside name" }));
      const shown = await dispatch("showMacro", ["add a contact"]);
      assert.ok(shown.ok, JSON.stringify(shown));
      const cli = await deskpilot(["macro", "show", "add a contact", "--json"], env);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal((JSON.parse(cli.stdout) as MacroSummary).path, (shown.value as MacroSummary).path);
      const bad = await dispatch("showMacro", ["what?"]);
      assert.ok(!bad.ok && !/\\p\{|\^\[/.test(bad.error.message) && bad.error.message.includes("for example"), JSON.stringify(bad));
      const badCli = await deskpilot(["macro", "show", "what?"], env);
      assert.equal(badCli.code, 2);
      assert.match(badCli.stderr, /"what\?" is neither a macro file nor a macro name\. A macro name is/);
      const missing = await deskpilot(["macro", "show", "not recorded yet"], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /There is no macro "not recorded yet" in the library \(.*\); `deskpilot macro record "not recorded yet"` records one/);
    } finally {
      await service.dispose();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
