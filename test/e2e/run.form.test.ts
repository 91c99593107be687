/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openPlayground, CHROMIUM, type Playground } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { formTask, formPage, call } from "./support/formTask.js";
import { readRunLog } from "../../agent/runs/readRunLog.js";

const OWN_SCREEN = { width: 1280, height: 800 };

const adopt = process.env["DISPLAY"];
const skip = skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox", "xrandr"]), CHROMIUM));

describe(`deskpilot run: a scripted model fills a two-page form on a real display (${adopt ? `DISPLAY ${adopt}` : "own Xvfb"})`, { skip }, () => {
  let server: XServer;
  let page: Playground;
  let tmp: string;
  const task = formTask(
    () => page,
    () => tmp,
  );
  const { answers, writeAnswers, runArgs, events } = task;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-e2e-"));
    server = adopt ? { display: adopt, env: process.env, stop: async () => {} } : await startXvfb(OWN_SCREEN);
    page = await openPlayground(server.display, { x: 0, y: 0 }, 1);
    await task.measure();
  });

  after(async () => {
    await page?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the task completes across both pages; the page's final state is what the task asked; every step is recorded", async () => {
    await page.page.goto(formPage("form1.html"));
    const r = await deskpilot([...runArgs(writeAnswers(answers()), "--no-hotkey", "--json")], server.env);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { status: string; steps: number; dir: string };
    assert.equal(result.status, "success");
    assert.equal(result.steps, 10);
    assert.match(r.stderr, /step {2}1 {2}done/);
    const submitted = await page.page.evaluate(() => (window as unknown as { __submitted?: unknown }).__submitted);
    assert.deepEqual(submitted, { name: "Ada Lovelace", email: "ada@example.com", agree: true, comment: "See you at 10:30 {ok}" });
    const log = readRunLog(result.dir);
    assert.equal(log.steps.length, 10);
    assert.equal(log.end?.status, "success");
    for (const s of log.steps) assert.ok(s.screenshot && existsSync(join(result.dir, s.screenshot)), `step ${s.step} has its screenshot`);
    assert.ok(log.steps.slice(0, 9).every((s) => s.outcome === "done"));

    const out = join(tmp, "report.html");
    const rep = await deskpilot(["report", result.dir, "--out", out], server.env);
    assert.equal(rep.code, 0, rep.stderr);
  });

  test("a dry run plans every step and leaves the page untouched", async () => {
    await page.page.goto(formPage("form1.html"));
    const r = await deskpilot([...runArgs(writeAnswers(answers()), "--dry-run", "--json")], server.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { steps: number }).steps, 10);
    assert.deepEqual(await events(), []);
    assert.equal(await page.page.inputValue("#name"), "");
    assert.match(page.page.url(), /form1\.html$/);
  });

  test("a risky action with no terminal and no --yes is refused and not sent; with --yes it is sent", async () => {
    const list = [call({ action: "key", keys: ["delete"] }), call({ action: "terminate", status: "success" })];
    await page.page.goto(formPage("form1.html"));
    const refused = await deskpilot(runArgs(writeAnswers(list), "--no-hotkey"), server.env);
    assert.equal(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /confirm: \{"action":"key","keys":\["delete"\]\} needs your approval: Delete may delete files or items/);
    assert.match(refused.stderr, /refused: no terminal to ask on/);
    assert.match(refused.stderr, /step {2}1 {2}refused/);
    assert.deepEqual(
      (await events()).filter((e) => e.type === "keydown"),
      [],
    );
    const allowed = await deskpilot(runArgs(writeAnswers(list), "--no-hotkey", "--yes"), server.env);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stderr, /allowed \(--yes\)/);
    assert.deepEqual(
      (await events()).filter((e) => e.type === "keydown").map((e) => e.key),
      ["Delete"],
    );
  });

  test("the stop key pressed mid-run stops it: no input event reaches the page after the stop", async () => {
    await page.page.goto(formPage("form1.html"));
    const { said: stderr, exited } = await task.startRunToStop(server.env);
    assert.match(stderr, /press Ctrl\+Shift\+F9 anywhere/, "the stop-key hook started");
    assert.equal(await page.page.inputValue("#name"), "Ada Lovelace", "the steps before the wait ran");
    const stopAt = Date.now();
    // The key arrives through XTEST like a real key press; the agent's own process is not involved.
    const press = await deskpilot(["act", JSON.stringify({ action: "key", keys: ["ctrl+shift+f9"] })], server.env);
    assert.equal(press.code, 0, press.stderr);
    const r = await exited;
    assert.equal(r.code, 1, stderr);
    assert.equal(r.signal, null);
    assert.match(r.stdout, /^\w+: the stop key \(Ctrl\+Shift\+F9\) was pressed/m, "the end-of-run summary says why it stopped");
    await new Promise((res) => setTimeout(res, 500));
    const after = (await events()).filter((e) => e.t >= stopAt && !["Control", "Shift", "F9"].includes(e.key ?? ""));
    assert.deepEqual(after, [], "no input after the stop");
    assert.equal(await page.page.inputValue("#email"), "");
    assert.match(page.page.url(), /form1\.html$/);
    const dirs = readdirSync(join(tmp, "runs"));
    assert.ok(dirs.length >= 1);
  });
});
