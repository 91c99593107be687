/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BIN, deskpilot, type CliResult } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openWaylandPlayground, type Playground } from "./support/playground.js";
import { startSway, type WaylandServer } from "./support/wayland.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

const fixture = (name: string) => `file://${fileURLToPath(new URL(`../../../test/e2e/fixtures/${name}`, import.meta.url))}`;
const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;
type Rect = { x: number; y: number; width: number; height: number };
type PageEvent = { type: string; t: number; key?: string };

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
  let rects: Record<string, Rect>;
  let screen: { width: number; height: number };
  const at = (r: Rect) => {
    const frame = smartResize(screen.width, screen.height, 1024, 4096);
    return [Math.round(((r.x + r.width / 2) * frame.width) / screen.width), Math.round(((r.y + r.height / 2) * frame.height) / screen.height)];
  };
  const rectsOf = (ids: string[]) =>
    page.page.evaluate(
      (list) =>
        Object.fromEntries(
          list.map((id) => {
            const r = document.getElementById(id)!.getBoundingClientRect();
            return [id, { x: r.x, y: r.y, width: r.width, height: r.height }];
          }),
        ),
      ids,
    );
  const answers = (): string[] => [
    call({ action: "left_click", coordinate: at(rects["name"]!) }),
    call({ action: "type", text: "Ada Lovelace" }),
    call({ action: "left_click", coordinate: at(rects["email"]!) }),
    call({ action: "type", text: "ada@example.com" }),
    call({ action: "left_click", coordinate: at(rects["next"]!) }),
    call({ action: "left_click", coordinate: at(rects["agree"]!) }),
    call({ action: "left_click", coordinate: at(rects["comment"]!) }),
    call({ action: "type", text: "See you at 10:30 {ok} — Zürich" }),
    call({ action: "left_click", coordinate: at(rects["submit"]!) }),
    call({ action: "terminate", status: "success" }),
  ];
  const writeAnswers = (list: string[]) => {
    const file = join(tmp, `answers-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(list));
    return file;
  };
  const runArgs = (file: string, ...extra: string[]) => [
    "run",
    "Sign up as Ada Lovelace, ada@example.com, agree to the terms and submit",
    "--replay",
    file,
    "--runs-dir",
    join(tmp, "runs"),
    ...extra,
  ];
  const events = () => page.page.evaluate(() => (window as unknown as { __events: PageEvent[] }).__events);

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-wayland-"));
    sway = await startSway([{ width: 1280, height: 800, x: 0, y: 0, background: "#202020" }]);
    page = await openWaylandPlayground(sway.env);
    screen = await page.page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    assert.deepEqual(screen, { width: 1280, height: 800 }, "the page fills the output");
    await page.page.goto(fixture("form2.html"));
    const second = await rectsOf(["agree", "comment", "submit"]);
    await page.page.goto(fixture("form1.html"));
    rects = { ...(await rectsOf(["name", "email", "next"])), ...second };
  });

  after(async () => {
    await page?.close();
    await sway?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the task completes across both pages, and the run says how to stop it on Wayland", async () => {
    await page.page.goto(fixture("form1.html"));
    const r = await deskpilot(runArgs(writeAnswers(answers()), "--json"), sway.sessionEnv);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { status: string; steps: number };
    assert.deepEqual([result.status, result.steps], ["success", 10]);
    const submitted = await page.page.evaluate(() => (window as unknown as { __submitted?: unknown }).__submitted);
    assert.deepEqual(submitted, { name: "Ada Lovelace", email: "ada@example.com", agree: true, comment: "See you at 10:30 {ok} — Zürich" });
    // no global stop key is claimed here, and the replacement is named
    assert.doesNotMatch(r.stderr, /press .* anywhere/);
    assert.match(r.stderr, /stop with Ctrl\+C here, or a key bound in your compositor .*pkill -INT -f 'deskpilot\.js \(run\|macro play\)'/);
  });

  test("macro record says it cannot record on Wayland and what to do, instead of recording nothing", async () => {
    const r = await deskpilot(["macro", "record", join(tmp, "never.json")], sway.sessionEnv);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Recording needs a global input hook, which Wayland allows no program: record the macro on an X11 session/);
  });

  test("the stop a compositor key binding sends (its pkill command, as advised) halts the run before its next input", async () => {
    await page.page.goto(fixture("form1.html"));
    const list = answers();
    list.splice(2, 0, call({ action: "wait", time: 20 })); // a long step to stop in
    const child = spawn(process.execPath, [BIN, ...runArgs(writeAnswers(list))], { env: sway.sessionEnv });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<CliResult>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
    for (let i = 0; i < 300 && !/step {2}2/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
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
