import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { ControlServer } from "../../../agent/server/ControlServer.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { singleHd } from "../../support/displayLayouts.js";

const TOKEN = "test-token-0123456789";

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Opens a WebSocket and resolves when it is open, or with the HTTP status that refused it. */
function connect(port: number, headers: Record<string, string>, path = "/ws"): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => resolve(-1));
  });
}

function call(
  ws: WebSocket,
  id: number,
  method: string,
  args: unknown[],
): Promise<{ id: number; reply: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data));
      if (message.id === id) {
        ws.off("message", onMessage);
        resolve(message);
      }
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ id, method, args }));
  });
}

describe("deskpilot serve's control server", () => {
  let server: ControlServer;
  let service: LocalService;
  let input: FakeInputDriver;
  let port: number;
  let panel: string;
  const good = () => ({ Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}`, Cookie: `deskpilot_token_${port}=${TOKEN}` });

  before(async () => {
    panel = mkdtempSync(join(tmpdir(), "deskpilot-panel-"));
    writeFileSync(join(panel, "index.html"), "<!doctype html><title>panel</title>");
    input = new FakeInputDriver();
    service = new LocalService(new FakeScreenSource(singleHd), input);
    server = new ControlServer({ service, panelDir: panel, token: TOKEN });
    port = Number(new URL(await server.listen()).port);
  });

  after(async () => {
    await server.close();
    rmSync(panel, { recursive: true, force: true });
  });

  test("the printed URL's token is traded for an HttpOnly, SameSite=Strict cookie and dropped from the address", async () => {
    const r = await get(port, `/?token=${TOKEN}`);
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, "/");
    assert.match(String(r.headers["set-cookie"]), new RegExp(`^deskpilot_token_${port}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`));
    const page = await get(port, "/", { Cookie: `deskpilot_token_${port}=${TOKEN}` });
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>panel<\/title>/);
  });

  test("no token, a wrong token, a foreign Host (DNS rebinding) or a foreign Origin are refused", async () => {
    assert.equal((await get(port, "/")).status, 401);
    assert.equal((await get(port, "/?token=nope")).status, 401);
    assert.equal((await get(port, `/?token=${TOKEN}`, { Host: `attacker.example:${port}` })).status, 403);
    assert.equal((await get(port, `/?token=${TOKEN}`, { Host: `127.0.0.1:${port + 1}` })).status, 403);
    assert.equal((await get(port, "/", { Cookie: `deskpilot_token_${port}=${TOKEN}`, Origin: "http://attacker.example" })).status, 403);
  });

  test("files outside the panel folder cannot be read", async () => {
    for (const path of ["/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json"]) {
      assert.equal((await get(port, path, { Cookie: `deskpilot_token_${port}=${TOKEN}` })).status, 404, path);
    }
  });

  test("a WebSocket needs the token and our own Origin and Host", async () => {
    const { Cookie, ...noCookie } = good();
    assert.equal(await connect(port, noCookie), 401);
    assert.ok(Cookie);
    assert.equal(await connect(port, { ...good(), Origin: "http://attacker.example" }), 403);
    assert.equal(await connect(port, { ...good(), Host: `rebind.attacker.example:${port}` }), 403);
    assert.equal(await connect(port, good(), "/other"), 403);
  });

  test("calls reach the service; errors come back as {code, message}; nothing off-screen is done", async () => {
    const ws = await connect(port, good());
    assert.ok(ws instanceof WebSocket);
    const displays = await call(ws, 1, "listDisplays", []);
    assert.deepEqual(displays.reply, { ok: true, value: singleHd });
    const off = await call(ws, 2, "act", [{ action: "left_click", coordinate: [5000, 5000] }, { dryRun: false }]);
    assert.equal(off.reply.error?.code, "OFF_SCREEN");
    assert.equal(input.calls.length, 0);
    const unknown = await call(ws, 3, "dispose", []);
    assert.equal(unknown.reply.error?.code, "UNKNOWN_METHOD");
    const capture = await call(ws, 4, "capture", []);
    assert.equal(capture.reply.ok, true);
    const png = (capture.reply.value as { png: { $bytes: string } }).png;
    assert.equal(Buffer.from(png.$bytes, "base64").subarray(1, 4).toString(), "PNG");
    ws.close();
  });

  test("service events reach every connected client; a malformed message gets BAD_MESSAGE", async () => {
    const a = (await connect(port, good())) as WebSocket;
    const b = (await connect(port, good())) as WebSocket;
    const heard = (ws: WebSocket) => new Promise((resolve) => ws.once("message", (d) => resolve(JSON.parse(String(d)))));
    const both = Promise.all([heard(a), heard(b)]);
    service.emit({ type: "error", error: { code: "X", message: "y" } });
    for (const m of await both) assert.deepEqual(m, { event: { type: "error", error: { code: "X", message: "y" } } });
    const bad = heard(a);
    a.send("not json");
    assert.equal(((await bad) as { reply: { error: { code: string } } }).reply.error.code, "BAD_MESSAGE");
    a.close();
    b.close();
  });
});
