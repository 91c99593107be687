import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { wantsEarlyHost } from "../../../agent/cli/startHostEarly.js";

const argv = (...args: string[]) => ["node", "deskpilot.js", ...args];
const local = ["--model", "m.gguf", "--mmproj", "p.gguf"];

describe("startHostEarly", () => {
  test("a command that loads a local model (--model and --mmproj, or --model-id) starts the host early", () => {
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", ...local)), true);
    assert.equal(wantsEarlyHost(argv("ask", "shot.png", "what is open?", "--model=m.gguf", "--mmproj=p.gguf")), true);
    assert.equal(wantsEarlyHost(argv("run", "open the mail", ...local, "--json")), true);
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", "--model-id", "qwen2.5-vl-3b")), true);
  });

  test("anything else starts nothing: other commands, help, an endpoint, the oracle, a half-given model", () => {
    assert.equal(wantsEarlyHost(argv("--version")), false);
    assert.equal(wantsEarlyHost(argv()), false);
    assert.equal(wantsEarlyHost(argv("models", "list", ...local)), false);
    assert.equal(wantsEarlyHost(argv("bench", "engine", ...local)), false);
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", ...local, "--help")), false);
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", ...local, "-h")), false);
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", "--endpoint", "http://127.0.0.1:8080", "--remote-model", "x")), false);
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", ...local, "--oracle", "boxes.json")), false);
    assert.equal(wantsEarlyHost(argv("ground", "shot.png", "Save", "--model", "m.gguf")), false);
  });
});
