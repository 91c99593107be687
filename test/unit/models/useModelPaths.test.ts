import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { tinyPair } from "../../support/tinyPair.js";

// "Use these files" takes paths as their user means them: `~` is the home folder, and a relative
// path starts there for the panel (its server's working folder means nothing to its user) or at
// the working folder the CLI names. The files are the real tiny GGUF pair, checked by the engine's rules.
const home = mkdtempSync(join(tmpdir(), "deskpilot-home-"));
const elsewhere = mkdtempSync(join(tmpdir(), "deskpilot-cwd-"));
const savedHome = process.env["HOME"];
const MODEL = join(home, "models", "qwen-tiny.gguf");
const MMPROJ = join(home, "models", "mmproj-qwen-tiny.gguf");

const api = (relativeTo?: string) =>
  new LocalModelsApi({ store: new SettingsStore(join(home, "settings.json")), env: { DESKPILOT_HOME: home }, ...(relativeTo ? { relativeTo } : {}) });

before(() => {
  process.env["HOME"] = home; // what os.homedir() reads on POSIX
  mkdirSync(join(home, "models"));
  writeFileSync(MODEL, tinyPair().model);
  writeFileSync(MMPROJ, tinyPair().mmproj);
  mkdirSync(join(elsewhere, "gguf"));
  writeFileSync(join(elsewhere, "gguf", "m.gguf"), tinyPair().model);
  writeFileSync(join(elsewhere, "gguf", "p.gguf"), tinyPair().mmproj);
});
after(() => {
  if (savedHome === undefined) delete process.env["HOME"];
  else process.env["HOME"] = savedHome;
  rmSync(home, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

test("~/… is the home folder: the files are checked there and saved as absolute paths", async () => {
  const settings = await api().useModel({ model: "~/models/qwen-tiny.gguf", mmproj: "~/models/mmproj-qwen-tiny.gguf" });
  assert.deepEqual(settings.model.files, { model: MODEL, mmproj: MMPROJ });
  const report = await api().verifyModelFiles("~/models/qwen-tiny.gguf", "~/models/mmproj-qwen-tiny.gguf");
  assert.deepEqual(
    report.files.map((f) => f.path),
    [MODEL, MMPROJ],
  );
  assert.equal(report.pairProblem, undefined);
});

test("a relative path from the panel starts at the home folder, not at the server's working folder", async () => {
  assert.notEqual(process.cwd(), home);
  const settings = await api().useModel({ model: "models/qwen-tiny.gguf", mmproj: "./models/mmproj-qwen-tiny.gguf" });
  assert.deepEqual(settings.model.files, { model: MODEL, mmproj: MMPROJ });
});

test("with a working folder given (the CLI's), a relative path starts there", async () => {
  const settings = await api(elsewhere).useModel({ model: "gguf/m.gguf", mmproj: "gguf/p.gguf" });
  assert.deepEqual(settings.model.files, { model: join(elsewhere, "gguf", "m.gguf"), mmproj: join(elsewhere, "gguf", "p.gguf") });
  // `~` still means home there.
  assert.equal((await api(elsewhere).verifyModelFiles("~/models/qwen-tiny.gguf")).files[0]!.path, MODEL);
});

test("a path that is not there is refused naming the path it looked at", async () => {
  await assert.rejects(api().useModel({ model: "~/models/nope.gguf", mmproj: "~/models/mmproj-qwen-tiny.gguf" }), (e: Error) => {
    assert.ok(e.message.includes(join(home, "models", "nope.gguf")), e.message);
    return true;
  });
});
