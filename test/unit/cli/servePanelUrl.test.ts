import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../agent/cli/main.js";
import { offerPanelUrl } from "../../../agent/cli/commands/servePanelUrl.js";
import { openBrowser, type Launch } from "../../../agent/cli/openBrowser.js";
import { MemoryStream } from "../../support/memoryStream.js";

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new MemoryStream();
  const err = new MemoryStream();
  const code = await main(["node", "deskpilot", ...args], { out, err });
  return { code, out: out.text, err: err.text };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("finding the panel again: serve --print-url, --new-token, Enter, and the browser", () => {
  let home: string;
  let saved: string | undefined;
  before(() => {
    home = mkdtempSync(join(tmpdir(), "deskpilot-url-"));
    saved = process.env["DESKPILOT_HOME"];
    process.env["DESKPILOT_HOME"] = home;
  });
  after(() => {
    if (saved === undefined) delete process.env["DESKPILOT_HOME"];
    else process.env["DESKPILOT_HOME"] = saved;
    rmSync(home, { recursive: true, force: true });
  });

  test("--print-url prints the same URL each time (the saved token), for the port asked, and says when nothing answers there", async () => {
    const first = await cli("serve", "--print-url", "--port", "1");
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^http:\/\/127\.0\.0\.1:1\/\?token=[A-Za-z0-9_-]{32}\n$/);
    assert.match(first.err, /made your panel token/);
    assert.match(first.err, /nothing answers on 127\.0\.0\.1:1 now; start the panel with `npm start` or `deskpilot serve --port 1`/);
    const again = await cli("serve", "--print-url", "--port", "1");
    assert.equal(again.out, first.out);
    assert.doesNotMatch(again.err, /made/);
  });

  test("--new-token replaces it and says what stops working", async () => {
    const before = (await cli("serve", "--print-url", "--port", "1")).out;
    const rotated = await cli("serve", "--new-token", "--print-url", "--port", "1");
    assert.equal(rotated.code, 0);
    assert.notEqual(rotated.out, before);
    assert.match(rotated.err, /made a new token .*earlier URLs, bookmarks and browser sessions of the panel no longer open it/);
    assert.equal((await cli("serve", "--print-url", "--port", "1")).out, rotated.out, "the new one is kept");
  });

  test("--print-url with --port 0 is bad usage", async () => {
    assert.equal((await cli("serve", "--print-url", "--port", "0")).code, 2);
  });

  test("on a terminal, Enter prints the URL again; off a terminal nothing is read", async () => {
    const out = new MemoryStream();
    const err = new MemoryStream();
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const stop = await offerPanelUrl({ out, err }, "http://127.0.0.1:7457/?token=t", false, input);
    assert.match(err.text, /press Enter to print the URL again/);
    input.write("\n");
    input.write("\n");
    await flush();
    assert.equal(out.text, "DeskPilot control panel: http://127.0.0.1:7457/?token=t\n".repeat(2));
    stop();
    const quiet = new MemoryStream();
    await offerPanelUrl({ out: quiet, err: quiet }, "u", false, new PassThrough());
    assert.equal(quiet.text, "");
  });

  test("--open: opened, or why not beside the URL", async () => {
    for (const [why, said] of [
      [undefined, /opened the panel in your browser/],
      ["xdg-open is not installed", /could not open a browser: xdg-open is not installed; open the URL above/],
    ] as const) {
      const err = new MemoryStream();
      let asked = "";
      await offerPanelUrl({ out: new MemoryStream(), err }, "http://u/", true, new PassThrough(), async (url) => ((asked = url), why));
      assert.equal(asked, "http://u/");
      assert.match(err.text, said);
    }
  });

  test("the browser opener per platform, and its reasons for not opening", async () => {
    const calls: [string, readonly string[]][] = [];
    const ok: Launch = async (c, a) => (calls.push([c, a]), 0);
    const url = "http://127.0.0.1:7457/?token=abc";
    assert.equal(await openBrowser(url, { DISPLAY: ":0" }, "linux", ok), undefined);
    assert.equal(await openBrowser(url, {}, "darwin", ok), undefined);
    assert.equal(await openBrowser(url, {}, "win32", ok), undefined);
    assert.deepEqual(calls, [
      ["xdg-open", [url]],
      ["open", [url]],
      ["cmd", ["/c", "start", "", url]],
    ]);
    assert.match((await openBrowser(url, {}, "linux", ok))!, /no display to open a browser on \(DISPLAY and WAYLAND_DISPLAY are unset\)/);
    const missing: Launch = async () => Promise.reject(Object.assign(new Error("spawn xdg-open ENOENT"), { code: "ENOENT" }));
    assert.equal(await openBrowser(url, { WAYLAND_DISPLAY: "wayland-0" }, "linux", missing), "xdg-open is not installed");
    assert.match((await openBrowser(url, { DISPLAY: ":0" }, "linux", async () => 3))!, /xdg-open failed \(exit 3\)/);
  });
});
