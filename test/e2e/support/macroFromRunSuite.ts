/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deskpilot } from "../../support/cli.js";
import type { Playground, CssRect } from "./playground.js";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../../agent/frames/TokenBounds.js";
import type { MacroPlayReport } from "../../../agent/macros/MacroPlayReport.js";
import type { MacroSummary } from "../../../agent/macros/MacrosApi.js";

const FORM = fileURLToPath(new URL("../../../../test/e2e/fixtures/macro-form.html", import.meta.url));
/** The one monitor of the desktop the suite runs on; the page fills it at scale 1. */
export const SCREEN = { width: 1280, height: 800 };
const NAME = "Ada Lovelace";
const DONE = { items: [NAME], urgent: true, saved: true };
const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;

/** The desktop a suite runs on: started before its test, its page open fullscreen on it. */
export interface MacroDesktop {
  start(): Promise<{ readonly env: NodeJS.ProcessEnv; readonly page: Playground; stop(): Promise<void> }>;
  /** Flags `run` and `macro play` take here (X11: --no-hotkey, so no stop-key hook starts). */
  readonly flags: readonly string[];
  /** What `macro play` must say on stderr here. */
  readonly playSays?: RegExp;
}

/**
 * An agent run (a scripted model through `deskpilot run`) does the task once on a real desktop;
 * saved as a macro, it then replays without any model on pages whose layout changed.
 */
export function macroFromRunSuite(name: string, desktop: MacroDesktop, skip: string | false): void {
  describe(name, { skip }, () => {
    let env: NodeJS.ProcessEnv;
    let page: Playground;
    let stop: () => Promise<void>;
    let tmp: string;
    const macroFile = () => join(tmp, "from-run.json");
    const state = () => page.page.evaluate(() => (window as unknown as { __macro: typeof DONE }).__macro);
    const show = async (variant: string) => {
      await page.page.goto(`file://${FORM}?variant=${variant}`);
      await page.page.waitForTimeout(300);
    };
    /** The model-frame point a model would name for the centre of a CSS rect (the page fills the display at 1:1). */
    const at = (r: CssRect) => {
      const f = smartResize(SCREEN.width, SCREEN.height, DEFAULT_TOKEN_BOUNDS.minImageTokens, DEFAULT_TOKEN_BOUNDS.maxImageTokens);
      return [Math.round(((r.x + r.width / 2) * f.width) / SCREEN.width), Math.round(((r.y + r.height / 2) * f.height) / SCREEN.height)];
    };

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-macro-e2e-"));
      ({ env, page, stop } = await desktop.start());
    });
    after(async () => {
      await page?.close();
      await stop?.();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    test("the run succeeds, is saved as a five-step macro, and the macro completes the task on the moved, banner and theme variants of the page", async (t) => {
      await show("base");
      const answers = [
        call({ action: "left_click", coordinate: at(await page.rect("name")) }),
        call({ action: "type", text: NAME }),
        ...(await Promise.all(["add", "urgent", "save"].map(async (id) => call({ action: "left_click", coordinate: at(await page.rect(id)) })))),
        call({ action: "terminate", status: "success" }),
      ];
      const answersFile = join(tmp, "answers.json");
      writeFileSync(answersFile, JSON.stringify(answers));
      const run = await deskpilot(
        ["run", "Add Ada Lovelace as an urgent contact", "--replay", answersFile, "--runs-dir", join(tmp, "runs"), ...desktop.flags, "--json"],
        env,
      );
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(run.stdout) as { status: string; dir: string };
      assert.equal(result.status, "success");
      assert.deepEqual(await state(), DONE, "the run itself did the task");

      const saved = await deskpilot(["macro", "record", macroFile(), "--from-run", result.dir, "--json"], env);
      assert.equal(saved.code, 0, saved.stderr);
      const summary = JSON.parse(saved.stdout) as MacroSummary;
      assert.deepEqual(
        summary.steps.map((s) => s.kind),
        ["click", "type", "click", "click", "click"],
      );
      assert.ok(
        summary.steps.every((s) => s.kind === "type" || /crop \d+x\d+/.test(s.summary)),
        JSON.stringify(summary.steps),
      );

      for (const variant of ["moved", "banner", "theme"]) {
        await show(variant);
        assert.deepEqual(await state(), { items: [], urgent: false, saved: false });
        const play = await deskpilot(["macro", "play", macroFile(), "--json", ...desktop.flags, "--runs-dir", join(tmp, "runs")], env);
        if (desktop.playSays) assert.match(play.stderr, desktop.playSays);
        const report = JSON.parse(play.stdout) as MacroPlayReport;
        assert.equal(play.code, 0, `${variant}: ${report.reason ?? ""}\n${play.stderr}`);
        assert.deepEqual(await state(), DONE, variant);
        const conf = report.steps.flatMap((s) => s.located ?? []).map((l) => `${l.method} ${l.confidence?.toFixed(2) ?? ""}`);
        t.diagnostic(`${variant}: ok, median step ${Math.round(report.medianStepMs)} ms; targets ${conf.join(", ")}`);
      }
    });
  });
}
