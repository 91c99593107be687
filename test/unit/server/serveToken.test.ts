import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ControlServer } from "../../../agent/server/ControlServer.js";
import { loadServeToken, SERVE_TOKEN_FILE } from "../../../agent/server/serveToken.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { singleHd } from "../../support/displayLayouts.js";

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers["set-cookie"] ?? "") }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the user's serve token", () => {
  let config: string;
  let panel: string;
  before(() => {
    config = join(mkdtempSync(join(tmpdir(), "deskpilot-token-")), "config-not-yet-made");
    panel = mkdtempSync(join(tmpdir(), "deskpilot-panel-"));
    writeFileSync(join(panel, "index.html"), "<!doctype html><title>panel</title>");
  });
  after(() => {
    rmSync(join(config, ".."), { recursive: true, force: true });
    rmSync(panel, { recursive: true, force: true });
  });

  test("made on first serve in the config folder, readable by the user only, and the same on every later start", async () => {
    const first = await loadServeToken(config);
    assert.equal(first.state, "created");
    assert.equal(first.path, join(config, SERVE_TOKEN_FILE));
    assert.match(first.token, /^[A-Za-z0-9_-]{32}$/);
    if (process.platform !== "win32") {
      assert.equal(statSync(first.path).mode & 0o777, 0o600);
      assert.equal(statSync(config).mode & 0o077, 0, "the folder it made is the user's only");
    }
    const again = await loadServeToken(config);
    assert.deepEqual(again, { ...first, state: "kept" });
  });

  test("a saved file that lost its mode gets 0600 back; a damaged one is replaced", async () => {
    const { token, path } = await loadServeToken(config);
    if (process.platform !== "win32") {
      chmodSync(path, 0o644); // as a copy or a restore from backup may leave it
      assert.equal((await loadServeToken(config)).token, token);
      assert.equal(statSync(path).mode & 0o777, 0o600);
    }
    writeFileSync(path, "not a token\n");
    const fresh = await loadServeToken(config);
    assert.equal(fresh.state, "created");
    assert.notEqual(fresh.token, token);
    assert.equal(readFileSync(path, "utf8"), `${fresh.token}\n`);
  });

  test("a reload or bookmark keeps working across a server restart, and stops once the token is rotated", async () => {
    const service = new LocalService(new FakeScreenSource(singleHd), new FakeInputDriver());
    const start = async (port = 0) => {
      const server = new ControlServer({ service, panelDir: panel, port, token: (await loadServeToken(config)).token, rememberToken: true });
      return { server, url: new URL(await server.listen()) };
    };
    const one = await start();
    const port = Number(one.url.port);
    const traded = await get(port, `${one.url.pathname}${one.url.search}`);
    assert.equal(traded.status, 303);
    assert.match(traded.cookie, /; Max-Age=\d{7,}/, "the browser keeps the cookie across its own restarts too");
    const cookie = traded.cookie.split(";")[0]!;
    await one.server.close();

    const two = await start(port);
    assert.equal(two.url.href, one.url.href, "the same URL after a restart");
    assert.equal((await get(port, "/", { Cookie: cookie })).status, 200, "the open tab reloads");
    await two.server.close();

    const rotated = await loadServeToken(config, { rotate: true });
    assert.equal(rotated.state, "rotated");
    const three = await start(port);
    assert.notEqual(three.url.href, one.url.href);
    assert.equal((await get(port, "/", { Cookie: cookie })).status, 401, "the old cookie no longer opens the panel");
    assert.equal((await get(port, `/?token=${one.url.searchParams.get("token")}`)).status, 401, "nor the old bookmark");
    assert.equal((await get(port, `/?token=${rotated.token}`)).status, 303);
    await three.server.close();
    await service.dispose();
  });

  test("a server given no token (tests) sets a cookie for this browser session only", async () => {
    const service = new LocalService(new FakeScreenSource(singleHd), new FakeInputDriver());
    const server = new ControlServer({ service, panelDir: panel, token: "launch-token-0123456789abcdefghij" });
    const url = new URL(await server.listen());
    const traded = await get(Number(url.port), `/${url.search}`);
    assert.doesNotMatch(traded.cookie, /Max-Age/);
    await server.close();
    await service.dispose();
  });
});
