import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../../support/cli.js";

// The real `deskpilot` process with no display server: nut-js would segfault here, so the
// CLI must check first and fail with a message, never die by a signal.
const env = { ...process.env };
delete env["DISPLAY"];
delete env["WAYLAND_DISPLAY"];

describe("deskpilot with DISPLAY unset (child process)", { skip: process.platform !== "linux" && "the DISPLAY check is Linux's" }, () => {
  test("capture exits 1 with a message naming DISPLAY, and writes no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-nodisplay-"));
    try {
      const out = join(dir, "shot.png");
      const r = await deskpilot(["capture", "--out", out], env);
      assert.equal(r.signal, null, `killed by ${r.signal}`);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /DISPLAY/);
      assert.equal(existsSync(out), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("capture --json still exits 1 and prints no JSON document", async () => {
    const r = await deskpilot(["capture", "--out", join(tmpdir(), "never.png"), "--json"], env);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
  });

  for (const action of ['{"action":"left_click","coordinate":[10,10]}', '{"action":"type","text":"hello"}', '{"action":"key","keys":["ctrl","c"]}']) {
    test(`act ${action} exits 1 with a message, not a signal`, async () => {
      const r = await deskpilot(["act", action], env);
      assert.equal(r.signal, null, `killed by ${r.signal}`);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /DISPLAY/);
    });
  }

  test("act with invalid JSON exits 1 and says Invalid action", async () => {
    const r = await deskpilot(["act", "{nope"], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Invalid action/);
  });

  test("--help and --version need no display", async () => {
    assert.equal((await deskpilot(["--help"], env)).code, 0);
    assert.equal((await deskpilot(["--version"], env)).code, 0);
  });

  test("an unknown option exits 2", async () => {
    const r = await deskpilot(["--nope"], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--nope/);
  });
});
