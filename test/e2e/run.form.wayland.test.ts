/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openWaylandPlayground, type Playground } from "./support/playground.js";
import { startSway, type WaylandServer } from "./support/wayland.js";
import { formTask, formPage } from "./support/formTask.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

const addon = loadWaylandAddon();
const skip = skipUnlessAvailable(
  missingBinaries("sway", "swaymsg", "grim", "wayland-info", "chromium", "pkill", ...(process.getuid?.() === 0 ? ["runuser"] : [])) ??
    (typeof addon === "string" ? addon : undefined),
);

// The X11 form task (e2e/run.form) on a wlroots desktop: the page is a native Wayland client,
// DeskPilot sees it through screencopy and fills it through the virtual pointer and keyboard.
describe("deskpilot run: a scripted model fills the two-page form on a Wayland client (headless sway)", { skip }, () => {
  let sway: WaylandServer;
  let page: Playground;
  let tmp: string;
  const task = formTask(
    () => page,
    () => tmp,
    "See you at 10:30 {ok} — Zürich",
  );
  const { answers, writeAnswers, runArgs, events } = task;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-wayland-"));
    sway = await startSway([{ width: 1280, height: 800, x: 0, y: 0, background: "#202020" }]);
    page = await openWaylandPlayground(sway.env);
    assert.deepEqual(await task.measure(), { width: 1280, height: 800 }, "the page fills the output");
  });

  after(async () => {
    await page?.close();
    await sway?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the task completes across both pages, and the run says how to stop it on Wayland", async () => {
    await page.page.goto(formPage("form1.html"));
    const r = await deskpilot(runArgs(writeAnswers(answers()), "--json"), sway.sessionEnv);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { status: string; steps: number };
    assert.deepEqual([result.status, result.steps], ["success", 10]);
    const submitted = await page.page.evaluate(() => (window as unknown as { __submitted?: unknown }).__submitted);
    assert.deepEqual(submitted, { name: "Ada Lovelace", email: "ada@example.com", agree: true, comment: task.comment });
    // no global stop key is claimed here, and the replacement is named
    assert.doesNotMatch(r.stderr, /press .* anywhere/);
    assert.match(r.stderr, /stop with Ctrl\+C here, or a key bound in your desktop .*pkill -INT -f 'deskpilot\.js \(run\|macro play\)'/);
  });

  test("macro record says it cannot record on Wayland and what to do, instead of recording nothing", async () => {
    const r = await deskpilot(["macro", "record", join(tmp, "never.json")], sway.sessionEnv);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Recording needs a global input hook, which Wayland allows no program: record the macro on an X11 session/);
  });

  test("the stop a compositor key binding sends (its pkill command, as advised) halts the run before its next input", async () => {
    await page.page.goto(formPage("form1.html"));
    const { said: stderr, exited } = await task.startRunToStop(sway.sessionEnv);
    assert.equal(await page.page.inputValue("#name"), "Ada Lovelace", "the steps before the wait ran");
    const stopAt = Date.now();
    const binding = /pkill -INT -f '([^']+)'/.exec(stderr)?.[1];
    assert.ok(binding, "the run printed the binding's command");
    await new Promise<void>((resolve, reject) => execFile("pkill", ["-INT", "-f", binding], (e) => (e ? reject(e) : resolve())));
    const r = await exited;
    assert.equal(r.code, 1, stderr);
    assert.equal(r.signal, null);
    assert.match(r.stdout, /interrupted/);
    await new Promise((res) => setTimeout(res, 500));
    assert.deepEqual(
      (await events()).filter((e) => e.t >= stopAt),
      [],
      "no input after the stop",
    );
    assert.equal(await page.page.inputValue("#email"), "");
  });
});
