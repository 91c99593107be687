/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deskpilot, deskpilotJson, BIN } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openPlayground, CHROMIUM, type Playground, type CssRect } from "./support/playground.js";
import { median } from "../../agent/stats/median.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { startCliRecording } from "./support/cliRecording.js";
import type { Display } from "../../agent/geometry/Display.js";
import type { MacroPlayReport } from "../../agent/macros/MacroPlayReport.js";
import type { MacroSummary } from "../../agent/macros/MacrosApi.js";

const FORM = fileURLToPath(new URL("../../../test/e2e/fixtures/macro-form.html", import.meta.url));
const adopt = process.env["DISPLAY"];
const NAME = "Ada Lovelace";
const DONE = { items: [NAME], urgent: true, saved: true };
/** The macro the 1x suite recorded, replayed by the HiDPI suite (1x → 2x). */
let recordedAt1x: string | undefined;
/** Replays per layout variant, for the success rate the issue's closing note reports (MACRO_E2E_REPEATS, default 3). */
const REPEATS = Math.max(1, Number(process.env["MACRO_E2E_REPEATS"] ?? 3) || 3);

/** What the replays of one suite achieved, per layout variant: printed at its end for the closing note. */
class ReplayTally {
  private readonly variants = new Map<string, { ok: number; runs: number }>();
  /** Times of the steps of successful template-matching replays (ms): the whole step, and finding its target. */
  private readonly stepMs: number[] = [];
  private readonly findMs: number[] = [];

  add(variant: string, report: MacroPlayReport | undefined, ok: boolean): void {
    const v = this.variants.get(variant) ?? { ok: 0, runs: 0 };
    this.variants.set(variant, { ok: v.ok + (ok ? 1 : 0), runs: v.runs + 1 });
    if (!ok || !report) return;
    this.stepMs.push(...report.steps.map((s) => s.ms));
    this.findMs.push(...report.steps.flatMap((s) => (s.located ?? []).map((l) => l.ms)));
  }

  lines(label: string): string[] {
    const rates = [...this.variants].map(([name, v]) => `${name} ${v.ok}/${v.runs}`).join(", ");
    return [
      `${label} replay success per layout variant: ${rates}`,
      `${label} median per-step time (template matching at native resolution, no model): ${Math.round(median(this.stepMs))} ms over ${this.stepMs.length} steps; finding the target ${Math.round(median(this.findMs))} ms (median of ${this.findMs.length})`,
    ];
  }
}

interface FormState {
  items: string[];
  urgent: boolean;
  saved: boolean;
}

/** One X server with the macro form fullscreen on its primary monitor, and the CLI pointed at it. */
function desk() {
  const d = {
    server: undefined as unknown as XServer,
    display: undefined as unknown as Display,
    page: undefined as unknown as Playground,
    tmp: "",
    macroFile: "",
    tally: new ReplayTally(),
    async open(start: () => Promise<XServer>) {
      d.tmp = mkdtempSync(join(tmpdir(), "deskpilot-macro-e2e-"));
      d.macroFile = join(d.tmp, "contact.json");
      d.server = await start();
      const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], d.server.env);
      d.display = displays.find((x) => x.primary) ?? displays[0]!;
      d.page = await openPlayground(d.server.display, { x: d.display.x, y: d.display.y }, d.display.scaleFactor);
    },
    async close() {
      await d.page?.close();
      await d.server?.stop();
      if (d.tmp) rmSync(d.tmp, { recursive: true, force: true });
    },
    state: () => d.page.page.evaluate(() => (window as unknown as { __macro: FormState }).__macro),
    centre: (r: CssRect) => [Math.round(d.display.x + r.x + r.width / 2), Math.round(d.display.y + r.y + r.height / 2)],
    async act(action: object) {
      const r = await deskpilot(["act", JSON.stringify(action)], d.server.env);
      assert.equal(r.code, 0, r.stderr);
    },
    /** Loads a variant of the form; "resized" also turns the fullscreen window into a smaller one. */
    async show(variant: string) {
      const cdp = await d.page.page.context().newCDPSession(d.page.page);
      const { windowId } = (await cdp.send("Browser.getWindowForTarget")) as { windowId: number };
      if (variant === "resized") {
        await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "normal" } });
        // The 2x suite's logical screen (960x540) is barely taller than the form: there only the width changes,
        // else the Save button's effect (the status line) would be cut off.
        const small = d.display.height < 700;
        const height = small ? d.display.height : Math.round(d.display.height * 0.8);
        const top = small ? 0 : 70;
        await cdp.send("Browser.setWindowBounds", {
          windowId,
          bounds: { left: d.display.x + 90, top: d.display.y + top, width: Math.round(d.display.width * 0.7), height },
        });
      } else await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "fullscreen" } });
      await d.page.page.goto(`file://${FORM}?variant=${variant}`);
      await d.page.page.waitForTimeout(500);
    },
    async play(args: string[]): Promise<{ code: number | null; report: MacroPlayReport; stderr: string }> {
      const r = await deskpilot(["macro", "play", d.macroFile, "--json", "--runs-dir", join(d.tmp, "runs"), ...args], d.server.env);
      return { code: r.code, report: JSON.parse(r.stdout) as MacroPlayReport, stderr: r.stderr };
    },
    /** Records the task with real input events (XTEST through `deskpilot act`, seen by the recorder's global hook). */
    async record(): Promise<MacroSummary> {
      await d.show("base");
      const recording = await startCliRecording(d.macroFile, "add a contact", d.server.env);
      await d.act({ action: "left_click", coordinate: d.centre(await d.page.rect("name")) });
      await d.act({ action: "type", text: NAME });
      for (const id of ["add", "urgent", "save"]) await d.act({ action: "left_click", coordinate: d.centre(await d.page.rect(id)) });
      assert.deepEqual(await d.state(), DONE, "the recorded task itself worked");
      await d.act({ action: "key", keys: ["ctrl+shift+f9"] });
      const { code, stdout, stderr } = await recording.ended;
      assert.equal(code, 0, stderr);
      return JSON.parse(stdout) as MacroSummary;
    },
    /** Replays on a variant and checks the page's final state; counted in `tally`. */
    async replay(t: { diagnostic(s: string): void }, variant: string, label = variant) {
      await d.show(variant);
      let report: MacroPlayReport | undefined;
      let ok = false;
      try {
        const played = await d.play([]);
        report = played.report;
        assert.equal(played.code, 0, `${report.reason ?? ""}\n${played.stderr}`);
        assert.deepEqual(await d.state(), DONE, "the page's final state");
        // Every target was found by template matching (no model is given to the CLI here).
        assert.ok(
          report.steps.every((s) => (s.located ?? []).every((l) => l.method === "template")),
          JSON.stringify(report.steps.map((s) => s.located)),
        );
        ok = true;
      } finally {
        d.tally.add(label, report, ok);
      }
      const located = report.steps.flatMap((s) => s.located ?? []);
      const conf = located.map((l) => l.confidence?.toFixed(2)).join(" ");
      const find = median(located.map((l) => l.ms));
      t.diagnostic(
        `${label}: ok, median step ${Math.round(report.medianStepMs)} ms (finding the target ${Math.round(find)} ms), total ${Math.round(report.totalMs)} ms, confidences ${conf}`,
      );
    },
    /** Every input event the page received since it loaded. */
    input: () => d.page.page.evaluate(() => (window as unknown as { __input: { type: string; target: string; key?: string }[] }).__input),
  };
  return d;
}

describe(
  `macros: record on a real display, replay after the layout changes (${adopt ? `DISPLAY ${adopt}` : "own Xvfb"})`,
  { skip: skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox", "xrandr"]), CHROMIUM)) },
  () => {
    const d = desk();
    before(() => d.open(async () => (adopt ? { display: adopt, env: process.env, stop: async () => {} } : startXvfb({ width: 1280, height: 800 }))));
    after(() => d.close());

    test("record: clicks and typing become five semantic steps with crops; the stop key ends it", async () => {
      const summary = await d.record();
      assert.deepEqual(
        summary.steps.map((s) => s.kind),
        ["click", "type", "click", "click", "click"],
        JSON.stringify(summary.steps),
      );
      assert.match(summary.steps[1]!.summary, new RegExp(`type "${NAME}"`));
      const listed = await deskpilot(["macro", "show", d.macroFile], d.server.env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /add a contact — 5 steps/);
      // Each target knows the window it was in (its frame in logical px, and the application).
      const file = JSON.parse(readFileSync(d.macroFile, "utf8")) as { steps: { target?: { window?: { width: number; app?: string } } }[] };
      const window = file.steps[0]!.target!.window;
      assert.ok(window && window.width === d.display.width && /chrom/i.test(window.app ?? ""), JSON.stringify(window));
      recordedAt1x = d.display.scaleFactor === 1 ? readFileSync(d.macroFile, "utf8") : undefined;
    });

    // base: unchanged; moved: the panel 150 px right; theme: colours changed slightly; banner: a
    // 64 px banner shifts everything down; resized: a smaller window (the centred panel moves too).
    for (const variant of ["base", "moved", "theme", "banner", "resized"]) {
      test(`replay on the "${variant}" page completes the task (${REPEATS}×)`, async (t) => {
        // All repeats run, so the tally is a real success rate; any failure fails the test.
        const failures: unknown[] = [];
        for (let i = 0; i < REPEATS; i++) await d.replay(t, variant).catch((e: unknown) => failures.push(e));
        if (failures.length > 0) throw failures[0];
      });
    }

    test("when a target is gone, replay stops at that step with a report and touches nothing after it", async () => {
      await d.show("gone");
      const { code, report } = await d.play([]);
      assert.equal(code, 1);
      assert.equal(report.failedStep, 3);
      assert.match(report.reason!, /could not find/);
      assert.equal(report.steps.length, 3);
      assert.equal(report.steps[2]!.outcome, "failed");
      assert.match(report.reason!, /step 3|Add contact|could not find/);
      const shots = report.steps[2]!.screenshots ?? [];
      assert.ok(shots.length >= 1, "failure screenshots");
      for (const shot of shots) assert.ok(existsSync(join(report.dir!, shot)), `${shot} is in the run folder`);
      // Steps 1-2 ran (the name is typed), nothing after step 3: Urgent and Save were never clicked.
      assert.deepEqual(await d.state(), { items: [], urgent: false, saved: false });
      assert.equal(await d.page.page.inputValue("#name"), NAME);
      // Touched nothing after it: the page's whole input is step 1's press in the name field and step 2's keys.
      const input = await d.input();
      assert.deepEqual(
        input.filter((e) => e.type !== "keydown"),
        [{ type: "pointerdown", target: "name" }],
        JSON.stringify(input),
      );
      assert.ok(
        input.every((e) => e.target === "name"),
        JSON.stringify(input),
      );
      assert.equal(
        input
          .filter((e) => e.type === "keydown" && e.key !== "Shift")
          .map((e) => e.key)
          .join(""),
        NAME,
      );
      assert.equal(input.at(-1)?.key, NAME.at(-1), "the last input is step 2's last key");
    });

    test("summary for the closing note: replay success per layout variant and the median per-step time", (t) => {
      for (const line of d.tally.lines("1x:")) t.diagnostic(line);
    });

    test("variables: the typed text becomes {{who}} and replays Unicode exactly", async () => {
      const macro = JSON.parse(readFileSync(d.macroFile, "utf8")) as { variables: object; steps: { kind: string; text?: string }[] };
      macro.variables = { who: { description: "the contact's name" } };
      macro.steps[1]!.text = "{{who}}";
      writeFileSync(d.macroFile, JSON.stringify(macro));
      await d.show("moved");
      const who = "Zoë Łukasz 東京 👩‍💻";
      const { code, report } = await d.play(["--var", `who=${who}`]);
      assert.equal(code, 0, report.reason);
      assert.deepEqual(await d.state(), { items: [who], urgent: true, saved: true });
    });

    test("fast mode replays the recorded coordinates", async (t) => {
      await d.show("base");
      const { code, report } = await d.play(["--fast", "--var", `who=${NAME}`]);
      assert.equal(code, 0, report.reason);
      assert.ok(report.steps.every((s) => (s.located ?? []).every((l) => l.method === "recorded")));
      assert.deepEqual(await d.state(), DONE);
      t.diagnostic(`fast: median step ${Math.round(report.medianStepMs)} ms`);
    });

    test("the global stop key halts a replay before its next input event", async () => {
      const macro = JSON.parse(readFileSync(d.macroFile, "utf8")) as { steps: { waitBeforeMs?: number }[] };
      macro.steps[0]!.waitBeforeMs = 8000;
      writeFileSync(d.macroFile, JSON.stringify(macro));
      await d.show("base");
      const player = spawn(process.execPath, [BIN, "macro", "play", d.macroFile, "--json", "--var", `who=${NAME}`, "--runs-dir", join(d.tmp, "runs")], {
        env: d.server.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      player.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
      const exited = new Promise<number | null>((resolve) => player.once("exit", resolve));
      await new Promise<void>((resolve, reject) => {
        player.stderr.on("data", (b: Buffer) => {
          stderr += b.toString();
          if (stderr.includes("to stop")) resolve();
        });
        void exited.then(() => reject(new Error(`player exited early: ${stderr}`)));
      });
      await d.act({ action: "key", keys: ["ctrl+shift+f9"] });
      assert.equal(await exited, 1, stderr);
      const report = JSON.parse(stdout) as MacroPlayReport;
      assert.equal(report.failedStep, 1);
      assert.match(report.reason!, /stopped: the stop key \(Ctrl\+Shift\+F9\) was pressed/);
      assert.deepEqual(await d.state(), { items: [], urgent: false, saved: false }, "nothing was clicked");
      assert.equal(await d.page.page.inputValue("#name"), "");
    });
  },
);

// Xft.dpi 192: scale factor 2, logical 960x540 on 1920x1080 pixels.
describe("macros on a HiDPI display (scale factor 2)", { skip: skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xrandr", "xrdb", CHROMIUM)) }, () => {
  const d = desk();
  before(() => d.open(() => startXvfb({ width: 1920, height: 1080 }, 192)));
  after(() => d.close());

  test("a macro recorded at 1x replays at 2x (template scaled by the scale factors)", async (t) => {
    assert.equal(d.display.scaleFactor, 2);
    if (!recordedAt1x) return t.skip("the 1x suite recorded nothing (it ran on an adopted display of another scale, or was skipped)");
    writeFileSync(d.macroFile, recordedAt1x);
    await d.replay(t, "base", "1x→2x base");
    await d.replay(t, "moved", "1x→2x moved");
  });

  test("record at 2x (native-pixel hook coordinates mapped to logical), replay on changed layouts", async (t) => {
    const summary = await d.record();
    assert.deepEqual(
      summary.steps.map((s) => s.kind),
      ["click", "type", "click", "click", "click"],
    );
    const file = JSON.parse(readFileSync(d.macroFile, "utf8")) as { steps: { target?: { point: { x: number }; window?: { width: number } } }[] };
    assert.equal(file.steps[0]!.target!.window?.width, d.display.width, "window frame in logical px at 2x");
    assert.ok(file.steps[0]!.target!.point.x < d.display.width, "points in logical px at 2x");
    for (const variant of ["moved", "theme", "banner", "resized"]) await d.replay(t, variant, `2x ${variant}`);
  });

  test("summary for the closing note (HiDPI)", (t) => {
    for (const line of d.tally.lines("2x:")) t.diagnostic(line);
  });
});
