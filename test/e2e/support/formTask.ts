/// <reference lib="dom" />
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { smartResize } from "../../../agent/geometry/smartResize.js";
import type { Playground } from "./playground.js";

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
  return {
    comment,
    /** Reads where both pages put their fields, and leaves the first page open. */
    async measure(): Promise<{ width: number; height: number }> {
      screen = await page().page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      await page().page.goto(formPage("form2.html"));
      const second = await rectsOf(["agree", "comment", "submit"]);
      await page().page.goto(formPage("form1.html"));
      rects = { ...(await rectsOf(["name", "email", "next"])), ...second };
      return screen;
    },
    answers: (): string[] => [
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
    ],
    /** The answers as a --replay file. */
    writeAnswers(list: string[]): string {
      const file = join(tmp(), `answers-${Date.now()}.json`);
      writeFileSync(file, JSON.stringify(list));
      return file;
    },
    runArgs: (file: string, ...extra: string[]) => [
      "run",
      "Sign up as Ada Lovelace, ada@example.com, agree to the terms and submit",
      "--replay",
      file,
      "--runs-dir",
      join(tmp(), "runs"),
      ...extra,
    ],
    events: () => page().page.evaluate(() => (window as unknown as { __events: PageEvent[] }).__events),
  };
}
