import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../agent/cli/main.js";
import { decideConnection } from "../../../agent/net/networkGuard.js";
import { MemoryStream } from "../../support/memoryStream.js";

describe("every command runs under the settings' local-only switch", () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-guard-"));
  const before = process.env["DESKPILOT_HOME"];
  after(() => {
    if (before === undefined) delete process.env["DESKPILOT_HOME"];
    else process.env["DESKPILOT_HOME"] = before;
    rmSync(home, { recursive: true, force: true });
  });

  test("with local-only off in the settings, a command outside `models` may reach a remote address", async () => {
    writeFileSync(join(home, "settings.json"), JSON.stringify({ localOnly: false }));
    process.env["DESKPILOT_HOME"] = home;
    assert.equal(decideConnection("10.0.0.1", 80).allowed, false, "the guard starts local-only");
    // any command whose action runs; this one fails at once on its missing folder
    const code = await main(["node", "deskpilot", "report", join(home, "no-such-run"), "--out", join(home, "r.html")], {
      out: new MemoryStream(),
      err: new MemoryStream(),
    });
    assert.equal(code, 1);
    assert.deepEqual(decideConnection("10.0.0.1", 80), { host: "10.0.0.1", port: 80, allowed: true, reason: "local-only-off" });
  });
});
