import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { isLoopbackHost } from "../../agent/net/isLoopbackHost.js";
import { assertUrlAllowed, installNetworkGuard, onConnection, withUserDownload, type ConnectionRecord } from "../../agent/net/networkGuard.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { Honeypot, NamespacedHoneypot } from "./support/honeypot.js";
import { netnsHostMissing } from "./support/netnsHost.js";

// The non-loopback target is a host in a network namespace this test creates, never an address outside it.
const skipNetns = skipUnlessAvailable(netnsHostMissing());

describe("isLoopbackHost", () => {
  const table: Array<[string, boolean]> = [
    ["localhost", true],
    ["LOCALHOST.", true],
    ["app.localhost", true],
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["[::1]", true],
    ["0:0:0:0:0:0:0:1", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["192.168.1.2", false],
    ["::ffff:10.0.0.1", false],
    ["::", false],
    ["huggingface.co", false],
    ["localhost.example.com", false],
    ["127.0.0.1.nip.io", false],
    ["fe80::1", false],
  ];
  for (const [host, loopback] of table) test(`${host} → ${loopback}`, () => assert.equal(isLoopbackHost(host), loopback));
});

describe("the network guard in this process", () => {
  let localOnly = true;
  let honeypot: NamespacedHoneypot | undefined;
  let remoteUrl = "";
  const seen: ConnectionRecord[] = [];

  before(async () => {
    installNetworkGuard({ localOnly: () => localOnly });
    onConnection((r) => seen.push(r));
    if (!skipNetns) {
      honeypot = new NamespacedHoneypot();
      remoteUrl = await honeypot.start();
    }
  });
  after(() => honeypot?.close());

  test("refuses a remote endpoint up front with a message that says what to do", () => {
    assert.throws(() => assertUrlAllowed("http://10.1.2.3:8000/v1", "the model endpoint"), {
      code: "LOCAL_ONLY",
      message: /10\.1\.2\.3:8000 \(the model endpoint\): it is not on this machine.*"localOnly": false/,
    });
    assert.doesNotThrow(() => assertUrlAllowed("http://127.0.0.1:8080/v1", "the model endpoint"));
  });

  test("fetch, http.request and DNS names are refused before any packet leaves", { skip: skipNetns }, async () => {
    await assert.rejects(fetch(remoteUrl), (e: Error & { cause?: { code?: string } }) => e.cause?.code === "LOCAL_ONLY");
    await new Promise<void>((resolve) => {
      request(remoteUrl)
        .on("error", (e: NodeJS.ErrnoException) => {
          assert.equal(e.code, "LOCAL_ONLY");
          resolve();
        })
        .end();
    });
    // A name under .invalid (RFC 2606) never resolves, so even a broken guard could reach nothing with it.
    await assert.rejects(fetch("https://models.deskpilot-test.invalid/"), (e: Error & { cause?: { code?: string } }) => e.cause?.code === "LOCAL_ONLY");
    assert.equal(await honeypot!.connections(), 0);
    assert.ok(
      seen.some((r) => r.host === "models.deskpilot-test.invalid" && !r.allowed),
      "a name is refused without resolving it",
    );
  });

  test("a download the user started may go out; local-only off lets everything out", { skip: skipNetns }, async () => {
    await withUserDownload("test", async () => {
      await fetch(remoteUrl).catch(() => undefined); // the honeypot answers 503; the connection is what counts
    });
    assert.equal(await honeypot!.connections(), 1);
    await fetch(remoteUrl).catch(() => undefined);
    assert.equal(await honeypot!.connections(), 1, "outside the download, refused again");
    localOnly = false;
    try {
      await fetch(remoteUrl).catch(() => undefined);
    } finally {
      localOnly = true;
    }
    assert.equal(await honeypot!.connections(), 2);
  });

  test("loopback always passes", async () => {
    const server = new Honeypot("127.0.0.1");
    const url = await server.start();
    await fetch(url).catch(() => undefined);
    assert.equal(server.connections, 1);
    await server.close();
  });
});
