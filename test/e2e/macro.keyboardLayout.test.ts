/// <reference lib="dom" />
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { parseMacro } from "../../agent/macros/parseMacro.js";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { CHROMIUM } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { startCliRecording } from "./support/cliRecording.js";

const EDITOR =
  "data:text/html,<title>editor</title><body style='margin:0'><textarea id=t autofocus style='width:100vw;height:100vh;font-size:28px'></textarea>";
// Characters the input driver types by key on this layout (it pastes the rest), on keys that
// differ: read as US keys these would be "Yoo zard/7&".
const TEXT = "Zoo yard-7/";

// A user with a German keyboard records typing. The hook reports where keys are, not what they
// type. Real X input throughout.
describe(
  "a recording on a German keyboard layout keeps the text that was typed",
  { skip: skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xmodmap", CHROMIUM)) },
  () => {
    let xserver: XServer;
    let tmp: string;
    let browser: Browser;
    let page: Page;
    const act = async (action: object) => {
      const r = await deskpilot(["act", JSON.stringify(action)], xserver.env);
      assert.equal(r.code, 0, r.stderr);
    };

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "macro-layout-"));
      xserver = await startXvfb({ width: 1024, height: 700 }, undefined, "de");
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: false,
        env: { ...process.env, DISPLAY: xserver.display },
        args: [
          "--kiosk",
          "--test-type",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-gpu",
          "--password-store=basic",
        ],
      });
      page = await (await browser.newContext({ viewport: null })).newPage();
      await page.goto(EDITOR);
      await page.waitForTimeout(500);
      await act({ action: "left_click", coordinate: [500, 350] }); // the editor has the X focus
    });

    after(async () => {
      await browser?.close();
      await xserver?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    test("typed text is recorded as the layout typed it, and replays to the same text", { timeout: 90_000 }, async () => {
      const out = join(tmp, "greeting.json");
      const recording = await startCliRecording(out, "greeting", xserver.env);
      await act({ action: "type", text: TEXT });
      await act({ action: "key", keys: ["ctrl", "a"] });
      await act({ action: "key", keys: ["ctrl+shift+f9"] });
      const { code, stdout, stderr } = await recording.ended;
      assert.equal(code, 0, stderr);
      assert.equal(await page.inputValue("#t"), TEXT, "the layout is German for real: the editor got the text");

      const macro = parseMacro(readFileSync(out, "utf8"));
      assert.deepEqual(
        macro.steps.map((s) => (s.kind === "type" ? `type ${s.text}` : s.kind === "key" ? `key ${s.keys.join("+")}` : s.kind)),
        [`type ${TEXT}`, "key ctrl+a"],
      );
      assert.match(stdout, /"steps"/);

      // Replayed into the emptied editor: the same text again.
      await page.fill("#t", "");
      const played = await deskpilot(["macro", "play", out, "--fast", "--json", "--runs-dir", join(tmp, "runs")], xserver.env);
      assert.equal(played.code, 0, played.stderr);
      assert.equal(await page.inputValue("#t"), TEXT);
    });
  },
);
