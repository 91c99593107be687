import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../support/cli.js";

/** `deskpilot run` and `report` at their edges: bad usage exits 2, a missing display or run folder exits 1 with a reason. */
describe("deskpilot run / report: usage and failures", () => {
  let tmp: string;
  let answers: string;
  const noDisplay = { ...process.env, DISPLAY: "", WAYLAND_DISPLAY: "" };
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-cli-"));
    answers = join(tmp, "answers.json");
    writeFileSync(answers, JSON.stringify(['<tool_call>\n{"name": "computer_use", "arguments": {"action": "terminate", "status": "success"}}\n</tool_call>']));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test("bad usage exits 2 and says what is wrong", async () => {
    for (const [args, message] of [
      [["run", "task", "--replay", answers, "--max-steps", "0"], /--max-steps must be a whole number/],
      [["run", "task"], /choose one model/],
      [["run", "task", "--endpoint", "http://127.0.0.1:1"], /--remote-model/],
      [["report", tmp], /required option '--out/],
    ] as const) {
      const r = await deskpilot([...args], noDisplay);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  test("without a display the run fails with exit 1 and a reason, never a crash or a signal", async () => {
    const r = await deskpilot(["run", "anything", "--replay", answers, "--runs-dir", join(tmp, "runs")], noDisplay);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.signal, null);
    assert.match(r.stderr, /DISPLAY|display/);
  });

  test("report on a folder that is not a run exits 1 and says what to pass", async () => {
    const r = await deskpilot(["report", tmp, "--out", join(tmp, "r.html")], noDisplay);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no readable run\.jsonl/);
  });
});
