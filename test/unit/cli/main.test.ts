import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../agent/cli/main.js";
import { MemoryStream } from "../../support/memoryStream.js";
import { repoRoot } from "../../support/repoRoot.js";

/** Runs the CLI in-process as `deskpilot ...args` with captured stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new MemoryStream();
  const err = new MemoryStream();
  const code = await main(["node", "deskpilot", ...args], { out, err });
  return { code, out: out.text, err: err.text };
}

describe("deskpilot CLI (in process)", () => {
  test("--help exits 0 and lists the commands", async () => {
    const r = await cli("--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage: deskpilot/);
    assert.match(r.out, /\bcapture\b/);
    assert.match(r.out, /\bact\b/);
  });

  test("--version and -V exit 0 and print package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const r = await cli(flag);
      assert.equal(r.code, 0);
      assert.equal(r.out.trim(), version);
    }
  });

  test("an unknown option is bad usage: exit 2, named on stderr", async () => {
    const r = await cli("--frobnicate");
    assert.equal(r.code, 2);
    assert.match(r.err, /--frobnicate/);
  });

  test("an unknown command is bad usage: exit 2", async () => {
    const r = await cli("teleport");
    assert.equal(r.code, 2);
    assert.match(r.err, /teleport/);
  });

  test("act without its action argument is bad usage: exit 2", async () => {
    assert.equal((await cli("act")).code, 2);
  });

  test("capture without --out is bad usage: exit 2, and says what is missing", async () => {
    const r = await cli("capture");
    assert.equal(r.code, 2);
    assert.match(r.err, /--out/);
  });

  test("act with invalid JSON exits 1 and says Invalid action, sending nothing", async () => {
    const r = await cli("act", '{"action":"left_click",');
    assert.equal(r.code, 1);
    assert.match(r.err, /Invalid action/);
    assert.match(r.err, /No input was sent/);
    assert.equal(r.out, "");
  });

  test("act with an action outside the schema exits 1 and says Invalid action", async () => {
    const r = await cli("act", '{"action":"left_click","coordinate":[1,2],"extra":true}');
    assert.equal(r.code, 1);
    assert.match(r.err, /Invalid action/);
  });
});
