/// <reference lib="dom" />
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deskpilot, deskpilotJson } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openPlayground, CHROMIUM, type Playground, type CssRect } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { startCliRecording } from "./support/cliRecording.js";
import type { Display } from "../../agent/geometry/Display.js";
import type { MacroPlayReport } from "../../agent/macros/MacroPlayReport.js";

const FORM = fileURLToPath(new URL("../../../test/e2e/fixtures/claim-form.html", import.meta.url));
/** What the user typed into each blank field, in order. */
const FIELDS = [
  ["name", "Ada Lovelace"],
  ["email", "ada.lovelace"],
  ["phone", "0123 456"],
] as const;

interface PageInput {
  type: string;
  target: string;
  key?: string;
}

// Issue 13, blocker 2: on a form whose blank fields look alike, replay typed the name into the
// E-mail field with "template 1.00". Recorded with real input (XTEST through `deskpilot act`),
// replayed after the layout changed; the page's own event log says which field got what.
describe(
  "macros: a form of identical blank fields, replayed after its layout changed",
  { skip: skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xrandr", CHROMIUM)) },
  () => {
    let server: XServer;
    let display: Display;
    let page: Playground;
    let tmp: string;
    let macroFile: string;

    const act = async (action: object) => {
      const r = await deskpilot(["act", JSON.stringify(action)], server.env);
      assert.equal(r.code, 0, r.stderr);
    };
    const centre = (r: CssRect) => [Math.round(display.x + r.x + r.width / 2), Math.round(display.y + r.y + r.height / 2)];
    const show = async (variant: string) => {
      await page.page.goto(`file://${FORM}?variant=${variant}`);
      await page.page.waitForTimeout(400);
    };
    const input = () => page.page.evaluate(() => (window as unknown as { __input: PageInput[] }).__input);
    const values = () => page.page.evaluate(() => (window as unknown as { __values(): Record<string, string> }).__values());
    const play = async (file = macroFile) => {
      const r = await deskpilot(["macro", "play", file, "--json", "--runs-dir", join(tmp, "runs")], server.env);
      return { code: r.code, report: JSON.parse(r.stdout) as MacroPlayReport, stderr: r.stderr };
    };
    /** The oracle: the fields in the order the page saw presses in them, and which field each typed key reached. */
    const reached = (events: PageInput[]) => ({
      pressed: events.filter((e) => e.type === "pointerdown").map((e) => e.target),
      typed: Object.fromEntries(
        [...new Set(events.filter((e) => e.type === "keydown").map((e) => e.target))].map((t) => [
          t,
          events
            .filter((e) => e.type === "keydown" && e.target === t && e.key!.length === 1)
            .map((e) => e.key)
            .join(""),
        ]),
      ),
    });

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-macro-ambiguous-"));
      macroFile = join(tmp, "claim.json");
      server = await startXvfb({ width: 1280, height: 800 });
      const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], server.env);
      display = displays.find((d) => d.primary) ?? displays[0]!;
      page = await openPlayground(server.display, { x: display.x, y: display.y }, display.scaleFactor);
    });
    after(async () => {
      await page?.close();
      await server?.stop();
      if (tmp && !process.env["KEEP"]) rmSync(tmp, { recursive: true, force: true });
    });

    test("record: a click into each blank field and its typing, then Submit", async () => {
      await show("base");
      const recording = await startCliRecording(macroFile, "expense claim", server.env);
      for (const [id, text] of FIELDS) {
        await act({ action: "left_click", coordinate: centre(await page.rect(id)) });
        await act({ action: "type", text });
      }
      await act({ action: "left_click", coordinate: centre(await page.rect("submit")) });
      assert.deepEqual(
        reached(await input()),
        { pressed: ["name", "email", "phone", "submit"], typed: Object.fromEntries(FIELDS) },
        "the recorded task itself worked",
      );
      await act({ action: "key", keys: ["ctrl+shift+f9"] });
      const { code, stderr } = await recording.ended;
      assert.equal(code, 0, stderr);
      const macro = JSON.parse(readFileSync(macroFile, "utf8")) as { steps: { kind: string; target?: { crop?: unknown; context?: unknown } }[] };
      assert.deepEqual(
        macro.steps.map((s) => s.kind),
        ["click", "type", "click", "type", "click", "type", "click"],
      );
      assert.ok(
        macro.steps.every((s) => !s.target || (s.target.crop && s.target.context)),
        "every target has its crop and its surroundings",
      );
    });

    test("the form moved (a banner above it, 150 px further right): every step acts on the field it was recorded on", async () => {
      await show("shifted");
      const { code, report, stderr } = await play();
      assert.equal(code, 0, `${report.reason ?? ""}\n${stderr}`);
      assert.deepEqual(reached(await input()), { pressed: ["name", "email", "phone", "submit"], typed: Object.fromEntries(FIELDS) });
      assert.equal((await values())["status"], "Submitted");
      // The blank fields tied, and were told apart (never an arbitrary pick).
      const first = report.steps[0]!.located![0]!;
      assert.ok(first.among !== undefined && first.among >= 3 && first.chosenBy, JSON.stringify(first));
    });

    test("a macro without the surroundings (an older file) on the moved form stops at step 1, before any input, and says why", async () => {
      const macro = JSON.parse(readFileSync(macroFile, "utf8")) as { steps: { target?: { context?: unknown } }[] };
      for (const s of macro.steps) delete s.target?.context;
      const older = join(tmp, "older.json");
      writeFileSync(older, JSON.stringify(macro));
      await show("shifted");
      const { code, report } = await play(older);
      assert.equal(code, 1);
      assert.equal(report.failedStep, 1);
      assert.match(report.reason!, /^stopped: step 1 is ambiguous: 3 places match the recorded target equally \(at .*\)/);
      assert.match(report.reason!, /Nothing was sent/);
      assert.deepEqual(await input(), [], "no input reached the page");
    });
  },
);
