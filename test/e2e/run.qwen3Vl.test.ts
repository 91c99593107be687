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
import { readRunLog } from "../../agent/runs/readRunLog.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { chatReply, hasImage, startScriptedServer, type RecordedRequest, type ScriptedServer } from "../unit/grounding/support/scriptedServer.js";

const fixture = (name: string) => `file://${fileURLToPath(new URL(`../../../test/e2e/fixtures/${name}`, import.meta.url))}`;
const OWN_SCREEN = { width: 1280, height: 800 };
type Rect = { x: number; y: number; width: number; height: number };
type Body = { max_tokens: number; messages: { role: string; content: string | { type: string; text?: string }[] }[] };

const adopt = process.env["DISPLAY"];
const skip = skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox", "xrandr"]), CHROMIUM));

describe(
  `deskpilot run --profile qwen3-vl: a scripted endpoint answering as Qwen3-VL fills a two-page form (${adopt ? `DISPLAY ${adopt}` : "own Xvfb"})`,
  { skip },
  () => {
    let server: XServer;
    let page: Playground;
    let endpoint: ScriptedServer;
    let tmp: string;
    let rects: Record<string, Rect>;
    let screen: { width: number; height: number };
    let frame: { width: number; height: number; tokens: number };
    /** Where Qwen3-VL puts the centre of a CSS rect: 0–1000 of the image, whatever its size. */
    const at = (r: Rect) => [Math.round(((r.x + r.width / 2) * 1000) / screen.width), Math.round(((r.y + r.height / 2) * 1000) / screen.height)] as const;
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
    // Qwen3-VL's computer-use answer: a thought, the action in words, then one tool call.
    const step = (thought: string, action: string, args: object) =>
      `Thought: ${thought}\nAction: "${action}"\n<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;
    const answers = (): string[] => [
      step("The form asks for a full name first.", "Click the Full name field.", { action: "left_click", coordinate: at(rects["name"]!) }),
      step("The field has the focus.", "Type the name.", { action: "type", text: "Ada Lovelace" }),
      step("Next comes the e-mail field.", "Click the E-mail field.", { action: "left_click", coordinate: at(rects["email"]!) }),
      step("It has the focus.", "Type the address.", { action: "type", text: "ada@example.com" }),
      step("Both fields are filled.", "Click Next.", { action: "left_click", coordinate: at(rects["next"]!) }),
      step("Page 2 shows the terms box.", "Tick it.", { action: "left_click", coordinate: at(rects["agree"]!) }),
      step("Now the comment box.", "Click it.", { action: "left_click", coordinate: at(rects["comment"]!) }),
      step("I write the comment.", "Type the comment.", { action: "type", text: "See you at 10:30, it's {ok}" }),
      step("Everything is filled.", "Click Submit.", { action: "left_click", coordinate: at(rects["submit"]!) }),
      step("The page thanks Ada.", "The task is done.", { action: "terminate", status: "success" }),
    ];
    let script: string[] = [];

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-qwen3vl-"));
      server = adopt ? { display: adopt, env: process.env, stop: async () => {} } : await startXvfb(OWN_SCREEN);
      page = await openPlayground(server.display, { x: 0, y: 0 }, 1);
      screen = await page.page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      // Qwen3-VL's frame on the 32-px grid. On our own 1280×800 screen, by hand: 40×25 cells = 1000
      // tokens, below the 1024 minimum, so β = √(1024·32² / (1280·800)) ≈ 1.012 and the sides round
      // up to 41×26 cells. On an adopted display (CI's 1920×1080) the formula gives it.
      frame = smartResize(screen.width, screen.height, 1024, 4096, 32);
      if (screen.width === OWN_SCREEN.width && screen.height === OWN_SCREEN.height)
        assert.deepEqual(frame, { width: 41 * 32, height: 26 * 32, tokens: 41 * 26 });
      await page.page.goto(fixture("form2.html"));
      const second = await rectsOf(["agree", "comment", "submit"]);
      await page.page.goto(fixture("form1.html"));
      rects = { ...(await rectsOf(["name", "email", "next"])), ...second };
      // Like llama-server: usage counts the prompt's text, plus the image's tokens, so DeskPilot's resize check runs.
      let asked = 0;
      endpoint = await startScriptedServer((q: RecordedRequest) => {
        const text = Math.ceil(q.body.replace(/"data:image[^"]*"/g, "").length / 4);
        if (!hasImage(q)) return chatReply("", text);
        return chatReply(script[asked++] ?? step("No more answers.", "Stop.", { action: "terminate", status: "failure" }), text + frame.tokens + 2);
      });
    });

    after(async () => {
      await endpoint?.close();
      await page?.close();
      await server?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    test("the task completes across both pages, on Qwen3-VL's 32-px frame, each 0–1000 click on its field", async () => {
      assert.ok(frame.width % 32 === 0 && frame.height % 32 === 0, `frame ${frame.width}x${frame.height}`);
      await page.page.goto(fixture("form1.html"));
      script = answers();
      const r = await deskpilot(
        [
          "run",
          "Sign up as Ada Lovelace, ada@example.com, agree to the terms and submit",
          "--endpoint",
          endpoint.base,
          "--remote-model",
          "qwen3-vl-4b",
          "--profile",
          "qwen3-vl",
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
      assert.equal(result.status, "success", result.reason);
      assert.equal(result.steps, 10);
      const submitted = await page.page.evaluate(() => (window as unknown as { __submitted?: unknown }).__submitted);
      assert.deepEqual(submitted, { name: "Ada Lovelace", email: "ada@example.com", agree: true, comment: "See you at 10:30, it's {ok}" });
      const log = readRunLog(result.dir);
      assert.ok(
        log.steps.slice(0, 9).every((s) => s.outcome === "done"),
        log.steps.map((s) => `${s.step} ${s.outcome} ${s.observation}`).join("\n"),
      );
      assert.ok(
        log.steps.every((s) => s.frame?.width === frame.width && s.frame?.height === frame.height),
        `frames ${JSON.stringify(log.steps.map((s) => s.frame))}`,
      );
      assert.match(log.steps[0]!.raw ?? "", /^Thought: /);

      const asked = endpoint.requests.filter(hasImage).map((q) => JSON.parse(q.body) as Body);
      assert.equal(asked.length, 10);
      const text = JSON.stringify(asked[0]!.messages);
      assert.match(text, /1000x1000/, "the screen is declared in the space the model answers in");
      assert.doesNotMatch(text, new RegExp(`${frame.width}x${frame.height}`), "not the frame's pixels");
    });
  },
);
