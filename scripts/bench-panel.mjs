#!/usr/bin/env node
// `npm run bench:panel`: how long a user waits for the control panel, and from pressing Run to
// the first action, on a private Xvfb with the real `deskpilot serve` and Chromium. The model is a
// loopback OpenAI-compatible stub that answers at once (one click, then done), so the figures
// are DeskPilot's own. BENCH_RUNS rounds (default 5), medians, each beside its reference in
// the same round: a bare `node -e 0` start for the server, a blank page for the browser.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { xvfb } from "./xvfb.mjs";

const bin = new URL("../bin/deskpilot.js", import.meta.url).pathname;
// `--baseline PATH/bin/deskpilot.js`: an older build (with its panel built) timed in the same rounds.
const at = process.argv.indexOf("--baseline");
const baseline = at > 0 ? process.argv[at + 1] : undefined;
if (at > 0 && !baseline) throw new Error("--baseline needs the path of another build's bin/deskpilot.js");
const builds = [["now", bin], ...(baseline ? [["baseline", baseline]] : [])];
const runs = Number(process.env.BENCH_RUNS ?? "5");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (!existsSync(new URL("../dist/renderer/index.html", import.meta.url))) throw new Error("the panel is not built: npm run build:app");

// The stub model: a click on the desktop's lower left, then terminate(success).
let asked = 0;
const stub = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const call = asked++ % 2 === 0 ? { action: "left_click", coordinate: [300, 600] } : { action: "terminate", status: "success" };
    const content = `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: call })}\n</tool_call>`;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }));
  });
});
await new Promise((r) => stub.listen(0, "127.0.0.1", r));
const endpoint = `http://127.0.0.1:${stub.address().port}/v1`;

const x = await xvfb(1280, 800);
const rowsOf = () => ({ node: [], url: [], panel: [], blank: [], firstAction: [] });
const table = new Map(builds.map(([label]) => [label, rowsOf()]));
// A real window on the display, kept to the top-right corner: the panel's own window is hidden from
// the agent (it refuses to click there), so the stub's click lands on the desktop beside it.
const browser = await chromium.launch({
  executablePath: browserPath,
  headless: false,
  args: ["--no-sandbox", "--window-position=760,0", "--window-size=520,400"],
  env: { ...process.env, DISPLAY: x.display },
});
try {
  for (let round = 0; round < runs; round++) {
    for (const [label, build] of builds) {
      const rows = table.get(label);
      let t = performance.now();
      spawnSync(process.execPath, ["-e", "0"]);
      rows.node.push(performance.now() - t);

      const home = mkdtempSync(join(tmpdir(), "deskpilot-bench-panel-"));
      writeFileSync(join(home, "settings.json"), JSON.stringify({ version: 3, endpoint: { preset: "custom", baseUrl: endpoint, model: "stub" } }));
      const env = { ...process.env, DISPLAY: x.display, DESKPILOT_HOME: home };
      t = performance.now();
      const serve = spawn(process.execPath, [build, "serve", "--port", "0"], { env, stdio: ["pipe", "pipe", "pipe"] });
      const url = await new Promise((resolve, reject) => {
        let out = "";
        serve.stdout.on("data", (d) => {
          out += d;
          const m = /control panel: (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        serve.on("exit", (code) => reject(new Error(`deskpilot serve exited ${code} before it printed its URL`)));
      });
      rows.url.push(performance.now() - t);
      const page = await browser.newPage({ viewport: null });
      try {
        t = performance.now();
        await page.goto("about:blank");
        await page.setContent("<p>blank</p>");
        rows.blank.push(performance.now() - t);
        t = performance.now();
        await page.goto(url);
        const run = page.getByRole("button", { name: "Run" });
        await page.getByRole("textbox", { name: "Task" }).fill("click the middle of the screen");
        await run.waitFor({ state: "visible" });
        await page.waitForFunction(() => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === "Run" && !b.disabled));
        rows.panel.push(performance.now() - t);

        // Run → the first action: the step's log line less its settle wait, which comes after the action.
        const clicked = performance.now();
        await run.click();
        const runsDir = join(home, "runs");
        let step;
        while (!step) {
          const dir = existsSync(runsDir) ? readdirSync(runsDir)[0] : undefined;
          const log = dir && existsSync(join(runsDir, dir, "run.jsonl")) ? readFileSync(join(runsDir, dir, "run.jsonl"), "utf8") : "";
          const line = log.split("\n").find((l) => l.includes('"type":"step"'));
          if (line) step = { at: performance.now(), entry: JSON.parse(line) };
          else await new Promise((r) => setTimeout(r, 5));
        }
        rows.firstAction.push(step.at - clicked - step.entry.timings.settleMs);
        if (step.entry.outcome !== "done") throw new Error(`the first step did not act: ${step.entry.observation}`);
        await page
          .getByRole("status", { name: "Run state" })
          .filter({ hasText: /^Finished/ })
          .waitFor({ timeout: 30_000 });
      } finally {
        await page.close();
        serve.kill("SIGTERM");
        await new Promise((r) => serve.once("exit", r));
        rmSync(home, { recursive: true, force: true });
      }
    }
  }
} finally {
  await browser.close();
  x.stop();
  stub.close();
}
const summary = (rows) => {
  const m = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)]));
  return {
    runs,
    serveToUrlMs: m.url,
    nodeStartMs: m.node,
    urlToUsablePanelMs: m.panel,
    blankPageMs: m.blank,
    serveToUsablePanelMs: m.url + m.panel,
    runToFirstActionMs: m.firstAction,
  };
};
const result = summary(table.get("now"));
const before = baseline ? summary(table.get("baseline")) : undefined;
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(before ? { ...result, baseline: before } : result, null, 2)}\n`);
else {
  const f = (ms) => `${ms.toFixed(0)} ms`;
  for (const [label, r] of [["", result], ...(before ? [["baseline: ", before]] : [])]) {
    process.stdout.write(
      `${label}deskpilot serve → URL printed     ${f(r.serveToUrlMs)}  (${(r.serveToUrlMs / r.nodeStartMs).toFixed(1)}× node -e 0, ${f(r.nodeStartMs)})\n`,
    );
    process.stdout.write(
      `${label}URL → panel usable (Run enabled) ${f(r.urlToUsablePanelMs)}  (${(r.urlToUsablePanelMs / r.blankPageMs).toFixed(1)}× a blank page, ${f(r.blankPageMs)})\n`,
    );
    process.stdout.write(`${label}deskpilot serve → panel usable   ${f(r.serveToUsablePanelMs)}\n`);
    process.stdout.write(`${label}Run pressed → first action done  ${f(r.runToFirstActionMs)}  (stub model answering at once; median of ${runs})\n`);
  }
}
