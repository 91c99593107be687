import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../agent/cli/main.js";
import { MemoryStream } from "../../support/memoryStream.js";

/** Runs `deskpilot ...args` in-process with a fresh DeskPilot home (no settings, no models). */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new MemoryStream();
  const err = new MemoryStream();
  const code = await main(["node", "deskpilot", ...args], { out, err });
  return { code, out: out.text, err: err.text };
}

describe("deskpilot's messages for a new user's mistakes", () => {
  let home: string;
  const saved: Record<string, string | undefined> = {};
  before(() => {
    home = mkdtempSync(join(tmpdir(), "deskpilot-cli-msg-"));
    for (const k of ["DESKPILOT_HOME", "DESKPILOT_MODELS_DIR", "DISPLAY", "WAYLAND_DISPLAY"]) saved[k] = process.env[k];
    process.env["DESKPILOT_HOME"] = home;
    delete process.env["DESKPILOT_MODELS_DIR"];
    process.env["DISPLAY"] = "";
    process.env["WAYLAND_DISPLAY"] = "";
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(home, { recursive: true, force: true });
  });

  test("a mistyped --model-id names the nearest catalog id and never advises pulling the typo", async () => {
    for (const [typed, meant] of [
      ["qwen2.5-vl-3", "qwen2.5-vl-3b"],
      ["qwen3vl-4b", "qwen3-vl-4b"],
      ["ui-tars-7b", "ui-tars-1.5-7b"],
      ["QWEN2.5-VL-7", "qwen2.5-vl-7b"],
    ] as const) {
      const r = await cli("run", "fill the form", "--model-id", typed);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, new RegExp(`no model ${typed.replace(/\./g, "\\.")} in the catalog; did you mean ${meant.replace(/\./g, "\\.")}\\?`));
      assert.doesNotMatch(r.err, new RegExp(`models pull ${typed.replace(/\./g, "\\.")}\\b`), "no advice to pull an id that does not exist");
    }
  });

  test("an id far from every catalog id lists the ids instead of guessing", async () => {
    const r = await cli("ground", "shot.png", "Save", "--model-id", "banana");
    assert.equal(r.code, 2);
    assert.match(r.err, /no model banana in the catalog; choose one of qwen2\.5-vl-3b, .*mai-ui-8b/);
    assert.doesNotMatch(r.err, /did you mean/);
  });

  test("models pull, use and path check the id the same way, before any download", async () => {
    for (const args of [
      ["models", "pull", "qwen25-vl-3b"],
      ["models", "use", "qwen25-vl-3b"],
      ["models", "path", "qwen25-vl-3b"],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, /did you mean qwen2\.5-vl-3b\?/);
    }
  });

  test("a catalog id that is not downloaded says how to pull that id (exit 1: nothing wrong with the command line)", async () => {
    const r = await cli("run", "fill the form", "--model-id", "qwen2.5-vl-7b");
    assert.equal(r.code, 1);
    assert.match(r.err, /qwen2\.5-vl-7b is not downloaded .*`deskpilot models pull qwen2\.5-vl-7b`/);
  });

  test("with no model flag and nothing downloaded it says the default is not downloaded and how to get it", async () => {
    for (const args of [
      ["run", "fill the form"],
      ["ground", "shot.png", "Save"],
      ["ask", "shot.png", "What is this?"],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, /qwen2\.5-vl-3b is not downloaded yet; run `deskpilot models pull qwen2\.5-vl-3b` \(about [\d.]+ GB\)/);
      assert.match(r.err, /or choose one model: --model-id ID, --model FILE --mmproj FILE, or --endpoint URL --remote-model NAME/);
      assert.equal(r.err.trim().split("\n").length, 1, "one line");
    }
  });

  test("capture --out into a missing folder is one line that says what to do, before any capture", async () => {
    const out = join(home, "no-such-folder", "shot.png");
    const r = await cli("capture", "--out", out);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      `deskpilot: --out ${out}: the folder ${join(home, "no-such-folder")} does not exist; create it (mkdir -p ${join(home, "no-such-folder")}) or choose another path\n`,
    );
    assert.equal(r.out, "");
  });

  test("bad usage exits 2 on every path: commander's own checks, checks in hooks and in actions", async () => {
    for (const args of [
      ["run"], // a missing argument
      ["run", "task", "--frobnicate"], // an unknown option on a subcommand
      ["run", "task", "--max-steps"], // an option without its value
      ["run", "task", "--max-steps", "lots", "--replay", "a.json"], // checked in the action
      ["run", "task", "--model-id", "qwen2.5-vl-3b", "--model", "m.gguf"], // checked in the --model-id hook
      ["models", "use"],
      ["models", "frobnicate"],
      ["capture"],
      ["report", home],
      ["act", "{}", "extra"],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(" ")} → ${r.code}: ${r.err}`);
      assert.notEqual(r.err, "", `${args.join(" ")} says why`);
      assert.doesNotMatch(r.err, /\n\s+at /, `${args.join(" ")}: no stack trace`);
    }
  });
});
