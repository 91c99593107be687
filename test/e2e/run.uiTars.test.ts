/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openPlayground, CHROMIUM, type Playground } from "./support/playground.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { readRunLog } from "../../agent/runs/readRunLog.js";
import { chatReply, hasImage, startScriptedServer, type RecordedRequest, type ScriptedServer } from "../unit/grounding/support/scriptedServer.js";

const fixture = (name: string) => `file://${fileURLToPath(new URL(`../../../test/e2e/fixtures/${name}`, import.meta.url))}`;
const OWN_SCREEN = { width: 1280, height: 800 };
type Rect = { x: number; y: number; width: number; height: number };
type Body = { max_tokens: number; messages: { role: string; content: string | { type: string; text?: string }[] }[] };

const adopt = process.env["DISPLAY"];
const skip = skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox", "xrandr"]), CHROMIUM));

describe(
  `deskpilot run --profile ui-tars-1.5: a scripted endpoint answering as UI-TARS-1.5 fills a two-page form (${adopt ? `DISPLAY ${adopt}` : "own Xvfb"})`,
  { skip },
  () => {
    let server: XServer;
    let page: Playground;
    let endpoint: ScriptedServer;
    let tmp: string;
    let rects: Record<string, Rect>;
    let screen: { width: number; height: number };
    let frame: { width: number; height: number; tokens: number };
    /** The frame pixel UI-TARS-1.5 names for the centre of a CSS rect (absolute pixels of the smart-resized frame). */
    const at = (r: Rect) =>
      [Math.round(((r.x + r.width / 2) * frame.width) / screen.width), Math.round(((r.y + r.height / 2) * frame.height) / screen.height)] as const;
    const point = (r: Rect) => `<point>${at(r).join(" ")}</point>`;
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
    // Every form UI-TARS writes a place in, one per click, as a real run would mix them.
    const answers = (): string[] => [
      `Thought: The form asks for a name first. I click the Name field.\nAction: click(point='${point(rects["name"]!)}')`,
      "Thought: The Name field has the focus. I type the name.\nAction: type(content='Ada Lovelace')",
      `Thought: Next the e-mail field.\nAction: click(start_box='<|box_start|>(${at(rects["email"]!).join(",")})<|box_end|>')`,
      "Thought: I type the e-mail address.\nAction: type(content='ada@example.com')",
      `Thought: Both fields are filled; I go to the next page.\nAction: click(start_box='(${at(rects["next"]!).join(",")})')`,
      `Thought: Page 2. I tick the terms box.\nAction: click(point='${point(rects["agree"]!)}')`,
      `Thought: Now the comment box.\nAction: click(point='${point(rects["comment"]!)}')`,
      "Thought: I write the comment, quotes escaped as asked.\nAction: type(content='See you at 10:30, it\\'s {ok}')",
      `Thought: I submit the form.\nAction: click(point='${point(rects["submit"]!)}')`,
      "Thought: The page thanks Ada: the task is done.\nAction: finished(content='Signed up as Ada Lovelace.')",
    ];
    let script: string[] = [];

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-uitars-"));
      server = adopt ? { display: adopt, env: process.env, stop: async () => {} } : await startXvfb(OWN_SCREEN);
      page = await openPlayground(server.display, { x: 0, y: 0 }, 1);
      screen = await page.page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      frame = smartResize(screen.width, screen.height, 1024, 4096);
      await page.page.goto(fixture("form2.html"));
      const second = await rectsOf(["agree", "comment", "submit"]);
      await page.page.goto(fixture("form1.html"));
      rects = { ...(await rectsOf(["name", "email", "next"])), ...second };
      // Like llama-server: usage counts the prompt's text, plus the image's tokens when it has one
      // (with its two vision markers), so DeskPilot's resize check runs against it.
      let asked = 0;
      endpoint = await startScriptedServer((q: RecordedRequest) => {
        const text = Math.ceil(q.body.replace(/"data:image[^"]*"/g, "").length / 4);
        if (!hasImage(q)) return chatReply("", text);
        return chatReply(script[asked++] ?? "Thought: no more answers\nAction: call_user()", text + frame.tokens + 2);
      });
    });

    after(async () => {
      await endpoint?.close();
      await page?.close();
      await server?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    test("the task completes across both pages; the endpoint saw UI-TARS's prompt and its own earlier answers", async () => {
      await page.page.goto(fixture("form1.html"));
      script = answers();
      const r = await deskpilot(
        [
          "run",
          "Sign up as Ada Lovelace, ada@example.com, agree to the terms and submit",
          "--endpoint",
          endpoint.base,
          "--remote-model",
          "ui-tars-1.5-7b",
          "--profile",
          "ui-tars-1.5",
          "--runs-dir",
          join(tmp, "runs"),
          "--no-hotkey",
          "--no-inspect",
          "--json",
        ],
        server.env,
      );
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(r.stdout) as { status: string; steps: number; reason: string; dir: string };
      assert.equal(result.status, "success");
      assert.equal(result.steps, 10);
      assert.match(result.reason, /Signed up as Ada Lovelace\./);
      const submitted = await page.page.evaluate(() => (window as unknown as { __submitted?: unknown }).__submitted);
      assert.deepEqual(submitted, { name: "Ada Lovelace", email: "ada@example.com", agree: true, comment: "See you at 10:30, it's {ok}" });
      const log = readRunLog(result.dir);
      assert.ok(
        log.steps.slice(0, 9).every((s) => s.outcome === "done"),
        log.steps.map((s) => `${s.step} ${s.outcome} ${s.observation}`).join("\n"),
      );
      assert.match(log.steps[0]!.raw ?? "", /^Thought: /);

      const asked = endpoint.requests.filter(hasImage).map((q) => JSON.parse(q.body) as Body);
      assert.equal(asked.length, 10);
      const last = asked.at(-1)!;
      assert.equal(last.max_tokens, 768);
      const first = last.messages[1]!;
      assert.equal(first.role, "user");
      assert.match(first.content as string, /## Action Space[\s\S]*call_user\(\)[\s\S]*## User Instruction\nSign up as Ada Lovelace/);
      assert.deepEqual(
        last.messages.filter((m) => m.role === "assistant").map((m) => m.content),
        script.slice(0, 9),
        "history in the model's own words",
      );
      const image = last.messages.at(-1)!.content as { type: string }[];
      assert.deepEqual(
        image.map((p) => p.type),
        ["image_url"],
        "the current screenshot alone, as UI-TARS's runtimes send it",
      );
    });
  },
);
