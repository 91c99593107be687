// Local-only mode switched in the Settings screen applies to the next connection, without a
// restart: the service `deskpilot serve` hosts, composed as serve composes it, with its settings
// changed through updateSettings (as the panel changes them). The only non-loopback target is a
// listener in a network namespace this test creates.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServedApp } from "../../agent/cli/commands/serveService.js";
import type { LocalService } from "../../agent/service/LocalService.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi } from "../support/displayLayouts.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { NamespacedHoneypot } from "./support/honeypot.js";
import { netnsHostMissing } from "./support/netnsHost.js";

/** "reached" when the request got an answer, else the error code the connection failed with. */
async function probe(url: string): Promise<string> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return "reached";
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return e.cause?.code ?? e.message;
  }
}

describe("local-only mode follows the live setting in deskpilot serve's service", { skip: skipUnlessAvailable(netnsHostMissing()), timeout: 60_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-live-"));
  let honeypot: NamespacedHoneypot;
  let remote = "";
  let service: LocalService;

  before(async () => {
    honeypot = new NamespacedHoneypot();
    remote = await honeypot.start();
    // The user had turned local-only off before this launch.
    writeFileSync(join(home, "settings.json"), JSON.stringify({ localOnly: false }));
    ({ service } = createServedApp({
      env: { DESKPILOT_HOME: home },
      screen: new FakeScreenSource(dualHidpi),
      input: new FakeInputDriver(),
      platform: "linux",
    }));
  });
  after(async () => {
    await service?.dispose();
    await honeypot?.close();
    rmSync(home, { recursive: true, force: true });
  });

  test("started with local-only off, a remote address is reachable", async () => {
    assert.equal(await probe(remote), "reached");
    assert.equal(await honeypot.connections(), 1);
  });

  test("switched on through updateSettings, the next outbound connection is refused before it leaves", async () => {
    const saved = await service.updateSettings({ localOnly: true });
    assert.equal(saved.localOnly, true);
    assert.equal(await probe(remote), "LOCAL_ONLY");
    assert.equal(await honeypot.connections(), 1, "nothing reached the remote listener");
  });

  test("switched off again, the remote address the user chose is reachable at once", async () => {
    await service.updateSettings({ localOnly: false });
    assert.equal(await probe(remote), "reached");
    assert.equal(await honeypot.connections(), 2);
  });
});
