/// <reference lib="dom" />
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ControlServer } from "../../agent/server/ControlServer.js";
import { createServedApp, createServeServer } from "../../agent/cli/commands/serveService.js";
import type { LocalService } from "../../agent/service/LocalService.js";
import { BLANK_LEVEL } from "../../agent/capture/BlankedScreenSource.js";
import type { DecideRequest } from "../../agent/loop/Decider.js";
import type { Rect } from "../../agent/geometry/Display.js";
import { parseSwayTree } from "../../agent/platform/swayWindows.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { ScriptedDecider, call, type Answer } from "../unit/loop/support/ScriptedDecider.js";
import { CHROMIUM } from "./support/playground.js";
import { startSway, type WaylandServer } from "./support/wayland.js";
import { panelDir } from "./support/macrosPanelServer.js";
import { panelRuns, writeScriptedModelSettings } from "./support/panelRun.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

const SCREEN = { width: 1280, height: 800 };
const fixture = (name: string) => `file://${fileURLToPath(new URL(`../../../test/e2e/fixtures/${name}`, import.meta.url))}`;
type PageEvent = { type: string; t: number };
const addon = loadWaylandAddon();
const missing =
  missingBinaries("sway", "swaymsg", CHROMIUM, ...(process.getuid?.() === 0 ? ["runuser"] : [])) ??
  (typeof addon === "string" ? addon : undefined) ??
  (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:app`)");

/** The model-frame point a model would name for a global logical point (one output at scale 1). */
const toFrame = (r: DecideRequest, x: number, y: number) => [
  Math.round((x * r.screenshot.frame.width) / SCREEN.width),
  Math.round((y * r.screenshot.frame.height) / SCREEN.height),
];

// e2e/run.servePanel on a wlroots desktop: the full app service acting through sway's own
// protocols, its panel a native Wayland Chromium window tiled beside the form's. A Wayland page
// cannot know where its window is (it reports (0, 0), which here is the form's place), so the
// service takes the panel's place from sway; the run's screenshots must blank the panel and
// not the form, and the panel's Stop must stop the run before its next input.
describe("a run started from the browser panel under deskpilot serve, on a Wayland desktop (headless sway)", { skip: skipUnlessAvailable(missing) }, () => {
  let sway: WaylandServer;
  let tmp: string;
  let service: LocalService;
  let server: ControlServer;
  let formBrowser: Browser;
  let panelBrowser: Browser;
  let form: Page;
  let panel: Page;
  let answers: Answer[] = [];

  const launch = (env: NodeJS.ProcessEnv) =>
    chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env,
      args: ["--ozone-platform=wayland", "--test-type", "--no-first-run", "--disable-background-networking", "--disable-gpu", "--password-store=basic"],
    });
  /** Where sway has put each window now, by title. */
  const windows = async () => parseSwayTree(await sway.command("-t", "get_tree", "-r"));
  const windowOf = async (title: RegExp): Promise<Rect> => {
    for (let i = 0; ; i++) {
      const found = (await windows()).find((w) => title.test(w.title));
      if (found) return found.rect;
      if (i === 50) assert.fail(`no window titled ${title} in ${JSON.stringify(await windows())}`);
      await new Promise((r) => setTimeout(r, 100)); // a new title reaches sway a moment later
    }
  };
  /** A form element's centre in global logical px: its window's content rect, less the browser's toolbar above the page. */
  const centreOf = async (id: string): Promise<[number, number]> => {
    const win = await windowOf(/^Sign up/);
    const page = await form.evaluate((i) => {
      const r = document.getElementById(i)!.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: innerWidth, h: innerHeight };
    }, id);
    const side = (win.width - page.w) / 2;
    return [win.x + side + page.x, win.y + (win.height - page.h - side) + page.y];
  };
  const events = () => form.evaluate(() => (window as unknown as { __events: PageEvent[] }).__events);
  const { startRun, finished, lastRun } = panelRuns(
    () => panel,
    () => tmp,
  );

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-serve-wayland-"));
    writeScriptedModelSettings(tmp);
    sway = await startSway([{ ...SCREEN, x: 0, y: 0, background: "#202020" }]);
    // this process is the service of a user's sway session now
    for (const k of ["DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP", "SWAYSOCK"]) delete process.env[k];
    Object.assign(process.env, sway.sessionEnv);
    // the form first, so sway tiles it left, where the panel page will say it is
    formBrowser = await launch(sway.env);
    form = await (await formBrowser.newContext({ viewport: null })).newPage();
    await form.goto(fixture("form1.html"));
    await form.evaluate(() => (document.title = "Sign up"));
    // as `deskpilot serve` composes itself: the service, and the guidance each panel is greeted with
    const app = createServedApp({
      env: { ...process.env, DESKPILOT_HOME: tmp },
      log: () => undefined,
      hardware: async () => ({ gpu: "cuda" }),
      createDecider: async () => new ScriptedDecider(answers),
    });
    service = app.service;
    assert.deepEqual(
      app.guidance.map((g) => [g.id, g.severity]),
      [["linux-wayland", "info"]],
    );
    server = createServeServer(app, { panelDir });
    const url = await server.listen();
    panelBrowser = await launch(sway.env);
    const context = await panelBrowser.newContext({ viewport: null });
    panel = await context.newPage();
    const cdp = await context.newCDPSession(panel);
    await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
    await panel.goto(url);
    await panel.waitForTimeout(2500); // the page has reported, and sway has been asked where it is
  });

  after(async () => {
    await panelBrowser?.close();
    await formBrowser?.close();
    await server?.close();
    await service?.dispose();
    await sway?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the run acts on the form; its screenshot blanks the panel's window where sway has it, not where the page says", { timeout: 90_000 }, async () => {
    const panelWindow = await windowOf(/^DeskPilot/);
    const formWindow = await windowOf(/^Sign up/);
    assert.equal(await panel.evaluate(() => screenX), 0, "a Wayland page does not know its place");
    assert.ok(panelWindow.x >= formWindow.x + formWindow.width, `sway tiled the panel right of the form: ${JSON.stringify([formWindow, panelWindow])}`);
    const name = await centreOf("name");
    answers = [
      (r) => call({ action: "left_click", coordinate: toFrame(r, ...name) }),
      call({ action: "type", text: "Ada Lovelace" }),
      call({ action: "terminate", status: "success" }),
    ];
    await startRun("Type Ada Lovelace as the name");
    await finished().waitFor({ timeout: 60_000 });
    assert.equal(await form.inputValue("#name"), "Ada Lovelace");
    const log = lastRun();
    assert.equal(log.end?.status, "success");
    const first = log.steps[0]!;
    assert.deepEqual(first.hidden, [panelWindow], "the record says the panel's window was painted out");
    const png = await sharp(join(log.dir, first.screenshot!)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const levels = (r: Rect) => {
      const seen = new Set<number>();
      for (let y = Math.ceil(r.y); y < Math.floor(r.y + r.height); y += 3) {
        for (let x = Math.ceil(r.x); x < Math.floor(r.x + r.width); x += 3) {
          const i = (y * png.info.width + x) * 3;
          seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
        }
      }
      return seen;
    };
    const grey = (BLANK_LEVEL << 16) | (BLANK_LEVEL << 8) | BLANK_LEVEL;
    const inner = { x: panelWindow.x + 2, y: panelWindow.y + 2, width: panelWindow.width - 4, height: panelWindow.height - 4 };
    assert.deepEqual([...levels(inner)], [grey], "the panel's window is blank");
    assert.ok(levels({ x: formWindow.x + 10, y: formWindow.y + 100, width: 300, height: 200 }).size > 2, "the form is seen");
  });

  test("the panel says how to stop a run on Wayland, and its Stop stops one before its next input", { timeout: 120_000 }, async () => {
    await form.goto(fixture("form1.html"));
    await form.evaluate(() => (document.title = "Sign up"));
    const [name, email] = [await centreOf("name"), await centreOf("email")];
    let waiting!: () => void;
    const inWait = new Promise<void>((resolve) => (waiting = resolve));
    answers = [
      (r) => call({ action: "left_click", coordinate: toFrame(r, ...name) }),
      call({ action: "type", text: "Ada Lovelace" }),
      () => (waiting(), call({ action: "wait", time: 20 })),
      (r) => call({ action: "left_click", coordinate: toFrame(r, ...email) }),
      call({ action: "type", text: "ada@example.com" }),
      call({ action: "terminate", status: "success" }),
    ];
    await startRun("Sign up as Ada Lovelace, ada@example.com");
    const hint = panel.getByTestId("stop-hint");
    await hint.waitFor();
    assert.match(await hint.innerText(), /press Stop here, or a key you bound in your compositor: on this Wayland desktop there is no global stop key/);
    await inWait;
    await new Promise((r) => setTimeout(r, 300));
    const stopAt = Date.now();
    await panel.getByRole("button", { name: "Stop", exact: true }).click();
    await finished().waitFor({ timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(
      (await events()).filter((e) => e.t >= stopAt),
      [],
      "no input after the stop",
    );
    assert.equal(await form.inputValue("#name"), "Ada Lovelace");
    assert.equal(await form.inputValue("#email"), "");
    assert.equal(lastRun().end?.status, "stopped");
  });
});
