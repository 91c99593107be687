/// <reference lib="dom" />
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../agent/server/ControlServer.js";
import { createAppService } from "../../agent/service/createAppService.js";
import type { LocalService } from "../../agent/service/LocalService.js";
import { BLANK_LEVEL } from "../../agent/capture/BlankedScreenSource.js";
import type { DecideRequest } from "../../agent/loop/Decider.js";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { ScriptedDecider, call, type Answer } from "../unit/loop/support/ScriptedDecider.js";
import { CHROMIUM, openPlayground, type Playground } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { panelDir } from "./support/macrosPanelServer.js";
import { panelRuns, writeScriptedModelSettings } from "./support/panelRun.js";

const SCREEN = { width: 1280, height: 800 };
const PANEL = { left: 700, top: 40, width: 560, height: 720 };
const fixture = (name: string) => `file://${fileURLToPath(new URL(`../../../test/e2e/fixtures/${name}`, import.meta.url))}`;
type Rect = { x: number; y: number; width: number; height: number };
type PageEvent = { type: string; t: number; key?: string };
const missing =
  missingBinaries("Xvfb", "openbox", CHROMIUM) ??
  (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:app`)");

/** The model-frame point a model would name for a screen point (the display's only monitor, at scale 1). */
const toFrame = (r: DecideRequest, x: number, y: number) => [
  Math.round((x * r.screenshot.frame.width) / SCREEN.width),
  Math.round((y * r.screenshot.frame.height) / SCREEN.height),
];
const centre = (r: Rect) => [r.x + r.width / 2, r.y + r.height / 2] as const;

// `deskpilot serve`'s server over the full app service (real screen, real input, the settings' stop
// key), its panel in a browser window on the very X display the agent works on, as a user of serve
// has it; only the model is scripted. The stop key is pressed through XTEST (`deskpilot act`).
describe("a run started from the browser panel under deskpilot serve, on the desktop it works on", { skip: skipUnlessAvailable(missing) }, () => {
  let xserver: XServer;
  let tmp: string;
  let service: LocalService;
  let server: ControlServer;
  let browser: Browser;
  let panel: Page;
  let form: Playground;
  let answers: Answer[] = [];
  let decider: ScriptedDecider;

  const events = () => form.page.evaluate(() => (window as unknown as { __events: PageEvent[] }).__events);
  const rectOf = (id: string) =>
    form.page.evaluate((i) => {
      const r = document.getElementById(i)!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }, id);
  const { startRun, finished, lastRun } = panelRuns(
    () => panel,
    () => tmp,
  );

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-serve-panel-"));
    // A model "installed", so the panel offers Run; the scripted decider stands in for it.
    writeScriptedModelSettings(tmp);
    xserver = await startXvfb(SCREEN);
    process.env["DISPLAY"] = xserver.display; // nut-js and the stop-key hook work on this display
    form = await openPlayground(xserver.display, { x: 0, y: 0 }, 1);
    await form.page.goto(fixture("form1.html"));
    service = createAppService({
      env: { ...process.env, DESKPILOT_HOME: tmp },
      log: () => undefined,
      hardware: async () => ({ gpu: "cuda" }),
      createDecider: async () => (decider = new ScriptedDecider(answers)),
    });
    server = new ControlServer({ service, panelDir });
    const url = await server.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env: { ...process.env, DISPLAY: xserver.display },
      args: ["--test-type", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-gpu", "--password-store=basic"],
    });
    const context = await browser.newContext({ viewport: null });
    panel = await context.newPage();
    const cdp = await context.newCDPSession(panel);
    const { windowId } = (await cdp.send("Browser.getWindowForTarget")) as { windowId: number };
    await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "normal", ...PANEL } });
    // Playwright makes every page think it has the focus; the panel reports its real focus to the service.
    await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
    await panel.goto(url);
    await panel.waitForTimeout(1500); // the page has reported its window
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await service?.dispose();
    await form?.close();
    // nut-js holds an X connection in this process until it exits, and Xlib ends a process whose server goes
    // first: a watcher ends this test's server (and window manager) once this process is gone.
    const pids = xserver?.pids ?? [];
    if (pids.length)
      spawn("sh", ["-c", `while kill -0 ${process.pid} 2>/dev/null; do sleep 0.2; done; kill ${pids.join(" ")}`], { detached: true, stdio: "ignore" }).unref();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the agent's screenshots have the panel blanked out, and a click aimed at it is refused before any input", { timeout: 90_000 }, async () => {
    const window = await panel.evaluate(() => ({ x: screenX, y: screenY, width: outerWidth, height: outerHeight }));
    await panel.evaluate(() => {
      (window as unknown as { __pressed: number }).__pressed = 0;
      addEventListener("pointerdown", () => (window as unknown as { __pressed: number }).__pressed++, true);
    });
    const pressed = () => panel.evaluate(() => (window as unknown as { __pressed: number }).__pressed);
    let pressedBefore = -1; // the test's own clicks on Run and the tab, counted when the model answers
    const stopButton = [window.x + window.width / 2, window.y + window.height / 2] as const;
    answers = [
      async (r) => ((pressedBefore = await pressed()), call({ action: "left_click", coordinate: toFrame(r, ...stopButton) })),
      call({ action: "terminate", status: "success" }),
    ];
    await startRun("Press the Stop button of the DeskPilot panel");
    await finished().waitFor({ timeout: 60_000 });

    const log = lastRun();
    const first = log.steps[0]!;
    assert.equal(first.outcome, "failed");
    assert.equal(first.error?.code, "OWN_WINDOW", first.observation);
    assert.deepEqual(first.hidden, [window], "the record says where the panel was painted out");
    assert.match(first.observation, /DeskPilot's own control panel .*nothing was sent/);
    assert.equal(await pressed(), pressedBefore, "no press reached the panel");
    // The screenshot the model saw: the panel's window is flat grey (its top band, away from the drawn point); the form beside it is not.
    const png = await sharp(join(log.dir, first.screenshot!)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const sx = png.info.width / SCREEN.width;
    const levels = (r: Rect) => {
      const seen = new Set<number>();
      for (let y = Math.ceil(r.y * sx); y < Math.floor((r.y + r.height) * sx); y += 3) {
        for (let x = Math.ceil(r.x * sx); x < Math.floor((r.x + r.width) * sx); x += 3) {
          const i = (y * png.info.width + x) * 3;
          seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
        }
      }
      return seen;
    };
    const grey = (BLANK_LEVEL << 16) | (BLANK_LEVEL << 8) | BLANK_LEVEL;
    assert.deepEqual([...levels({ x: window.x + 2, y: window.y + 2, width: window.width - 4, height: 120 })], [grey], "the panel's top is blank");
    assert.deepEqual([...levels({ x: window.x + 2, y: window.y + window.height - 122, width: window.width - 4, height: 120 })], [grey], "its bottom too");
    const name = await rectOf("name");
    assert.ok(levels({ x: 0, y: 0, width: name.x + name.width + 20, height: name.y + name.height + 20 }).size > 2, "the form beside it is seen");
    // And what the model itself was handed: the same region is flat in its frame.
    const seen = decider.requests[0]!.screenshot;
    const f = seen.frame.width / SCREEN.width;
    const at = (x: number, y: number) => {
      const i = (Math.round(y * f) * seen.rgb.width + Math.round(x * f)) * 3;
      return [seen.rgb.data[i], seen.rgb.data[i + 1], seen.rgb.data[i + 2]];
    };
    assert.deepEqual(at(window.x + 60, window.y + 60), [BLANK_LEVEL, BLANK_LEVEL, BLANK_LEVEL]);
  });

  test(
    "the settings' stop key pressed on the X display stops it, with no input after the press; the panel shows the key and the corner",
    { timeout: 120_000 },
    async () => {
      await form.page.goto(fixture("form1.html"));
      const [name, email] = [await rectOf("name"), await rectOf("email")];
      let waiting!: () => void;
      const inWait = new Promise<void>((resolve) => (waiting = resolve));
      answers = [
        (r) => call({ action: "left_click", coordinate: toFrame(r, ...centre(name)) }),
        call({ action: "type", text: "Ada Lovelace" }),
        () => (waiting(), call({ action: "wait", time: 20 })), // a long step to press the key in
        (r) => call({ action: "left_click", coordinate: toFrame(r, ...centre(email)) }),
        call({ action: "type", text: "ada@example.com" }),
        call({ action: "terminate", status: "success" }),
      ];
      await startRun("Sign up as Ada Lovelace, ada@example.com");
      const hint = panel.getByTestId("stop-hint");
      await hint.waitFor();
      assert.match(await hint.innerText(), /press Ctrl\+Shift\+F9 anywhere, or push the mouse pointer into a corner of the screen/);
      await inWait;
      assert.equal(
        await form.page.inputValue("#name"),
        "Ada Lovelace",
        `the steps before the wait ran: ${lastRun()
          .steps.map((e) => e.observation)
          .join(" | ")}`,
      );
      await new Promise((r) => setTimeout(r, 300)); // the wait has begun
      const stopAt = Date.now();
      const press = await deskpilot(["act", JSON.stringify({ action: "key", keys: ["ctrl+shift+f9"] })], xserver.env);
      assert.equal(press.code, 0, press.stderr);
      await finished().waitFor({ timeout: 15_000 });
      assert.match(await finished().innerText(), /stopped \(the stop key \(Ctrl\+Shift\+F9\) was pressed\)/);
      assert.equal(await hint.count(), 0, "the hint goes with the run");
      await new Promise((r) => setTimeout(r, 500));
      const after = (await events()).filter((e) => e.t >= stopAt && !["Control", "Shift", "F9"].includes(e.key ?? ""));
      assert.deepEqual(after, [], "no input after the stop");
      assert.equal(await form.page.inputValue("#email"), "");
      assert.equal(lastRun().end?.status, "stopped");
    },
  );
});
