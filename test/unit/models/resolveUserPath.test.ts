import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveUserPath } from "../../../agent/models/resolveUserPath.js";

const HOME = "/home/ada";

test("~ and ~/… are the home folder", () => {
  assert.equal(resolveUserPath("~", "/srv", HOME), HOME);
  assert.equal(resolveUserPath("~/models/qwen.gguf", "/srv", HOME), "/home/ada/models/qwen.gguf");
  assert.equal(resolveUserPath("  ~/models/qwen.gguf ", "/srv", HOME), "/home/ada/models/qwen.gguf", "pasted with spaces around");
});

test("a relative path starts at the base, not at the process's working folder", () => {
  assert.equal(resolveUserPath("models/qwen.gguf", HOME, HOME), "/home/ada/models/qwen.gguf");
  assert.equal(resolveUserPath("./qwen.gguf", "/home/ada/Downloads", HOME), "/home/ada/Downloads/qwen.gguf");
  assert.equal(resolveUserPath("../shared/qwen.gguf", "/home/ada/Downloads", HOME), "/home/ada/shared/qwen.gguf");
  assert.notEqual(resolveUserPath("qwen.gguf", HOME, HOME), `${process.cwd()}/qwen.gguf`);
});

test("absolute paths are kept (normalised); ~name is not another user's home", () => {
  assert.equal(resolveUserPath("/opt/models//qwen.gguf", "/srv", HOME), "/opt/models/qwen.gguf");
  assert.equal(resolveUserPath("~bob/qwen.gguf", "/srv", HOME), "/srv/~bob/qwen.gguf");
});
