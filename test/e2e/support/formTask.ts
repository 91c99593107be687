/// <reference lib="dom" />
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import type { Playground } from "./playground.js";
import { BIN, type CliResult } from "../../support/cli.js";

export const formPage = (name: string) => `file://${fileURLToPath(new URL(`../../../../test/e2e/fixtures/${name}`, import.meta.url))}`;
export const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;
type Rect = { x: number; y: number; width: number; height: number };
export type PageEvent = { type: string; t: number; key?: string };

/**
 * The two-page sign-up task (fixtures form1.html, form2.html) as a scripted model answers it, on
 * a page that fills the primary monitor at 1:1: its answers, its run's arguments, the page's
 * input events. `page` and `tmp` are read when used (the suite opens them in `before`).
 */
export function formTask(page: () => Playground, tmp: () => string, comment = "See you at 10:30 {ok}") {
  let rects: Record<string, Rect> = {};
  let screen = { width: 0, height: 0 };
  /** The model-frame point a model would name for the centre of a CSS rect. */
  const at = (r: Rect) => {
    const frame = smartResize(screen.width, screen.height, 1024, 4096);
    return [Math.round(((r.x + r.width / 2) * frame.width) / screen.width), Math.round(((r.y + r.height / 2) * frame.height) / screen.height)];
  };
  const rectsOf = (ids: string[]) =>
    page().page.evaluate(
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
    call({ action: "type", text: comment }),
    call({ action: "left_click", coordinate: at(rects["submit"]!) }),
    call({ action: "terminate", status: "success" }),
  ];
  /** The answers as a --replay file. */
  const writeAnswers = (list: string[]): string => {
    const file = join(tmp(), `answers-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(list));
    return file;
  };
  const runArgs = (file: string, ...extra: string[]) => [
    "run",
    "Sign up as Ada Lovelace, ada@example.com, agree to the terms and submit",
    "--replay",
    file,
    "--runs-dir",
    join(tmp(), "runs"),
    ...extra,
  ];
  return {
    comment,
    answers,
    writeAnswers,
    runArgs,
    /**
     * Starts the task's run in its own process with a 20 s wait after its first two steps, and
     * resolves once those have run (the name is typed): the stop tests stop it in that wait.
     * `said` is what it had written on stderr by then.
     */
    async startRunToStop(env: NodeJS.ProcessEnv): Promise<{ said: string; exited: Promise<CliResult> }> {
      const list = answers();
      list.splice(2, 0, call({ action: "wait", time: 20 }));
      const child = spawn(process.execPath, [BIN, ...runArgs(writeAnswers(list))], { env });
      let stderr = "";
      let stdout = "";
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
      const exited = new Promise<CliResult>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
      for (let i = 0; i < 300 && !/step {2}2/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
      return { said: stderr, exited };
    },
    /** Reads where both pages put their fields, and leaves the first page open. */
    async measure(): Promise<{ width: number; height: number }> {
      screen = await page().page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      await page().page.goto(formPage("form2.html"));
      const second = await rectsOf(["agree", "comment", "submit"]);
      await page().page.goto(formPage("form1.html"));
      rects = { ...(await rectsOf(["name", "email", "next"])), ...second };
      return screen;
    },
    events: () => page().page.evaluate(() => (window as unknown as { __events: PageEvent[] }).__events),
  };
}
