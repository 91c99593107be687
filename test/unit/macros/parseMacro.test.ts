import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMacro } from "../../../agent/macros/parseMacro.js";
import { MACRO_LIMITS } from "../../../agent/macros/MacroSchema.js";
import { MACRO_ACTIONS, stepActions } from "../../../agent/macros/stepActions.js";
import { ComputerActionSchema } from "../../../agent/actions/ComputerAction.js";
import { sampleMacro, target } from "./support/sampleMacro.js";

const text = (v: unknown) => JSON.stringify(v);
const rejects = (value: string, pattern: RegExp) => {
  assert.throws(
    () => parseMacro(value, "m.json"),
    (e: Error & { code?: string }) => {
      assert.equal(e.code, "MACRO_INVALID");
      assert.match(e.message, /^Macro m\.json is not valid: /);
      assert.match(e.message, pattern);
      return true;
    },
  );
};

test("a valid macro parses, with defaults filled in", () => {
  const macro = parseMacro(text(sampleMacro()));
  assert.equal(macro.steps.length, 7);
  const click = macro.steps[0]!;
  assert.equal(click.kind, "click");
  assert.deepEqual([click.kind === "click" && click.button, click.kind === "click" && click.count, click.waitBeforeMs], ["left", 1, 0]);
});

test("broken files are rejected with a reason", () => {
  rejects('{"format":', /not JSON/);
  rejects("[]", /not a JSON object/);
  rejects(text({ ...sampleMacro(), format: "other" }), /"format" must be "deskpilot-macro"/);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "click" }] }), /steps\.0\.target/);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "type", text: 42 }] }), /steps\.0\.text/);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "key", keys: ["ctrl", "frobnicate"] }] }), /unknown key name/);
  rejects(text({ ...sampleMacro(), variables: { "bad name": {} } }), /variables\.bad name: Invalid key/);
  // JSON.parse keeps "__proto__" as a key; the schema would drop it without a word.
  rejects('{"format":"deskpilot-macro","version":1,"variables":{"__proto__":{"default":"x"}},"steps":[]}', /"__proto__" cannot be a variable name/);
  const badCrop = sampleMacro();
  badCrop.steps = [{ kind: "click", target: { ...target(10, 10), crop: { png: "not base64!", width: 1, height: 1, anchor: { x: 0, y: 0 } } } }];
  rejects(text(badCrop), /base64/);
});

test("old and future versions are rejected, saying which way to go", () => {
  rejects(text({ ...sampleMacro(), version: 0 }), /version 0, an old draft format.*re-record/);
  rejects(text({ ...sampleMacro(), version: 2 }), /version 2, newer than this DeskPilot reads \(1\); update DeskPilot/);
  const { version: _, ...noVersion } = sampleMacro();
  rejects(text(noVersion), /"version" is missing/);
});

test("hostile files: huge, deeply nested, too many steps, out-of-screen", () => {
  rejects(" ".repeat(MACRO_LIMITS.fileBytes + 1), /larger than 16 MiB/);
  rejects(`${"[".repeat(100_000)}${"]".repeat(100_000)}`, /nests deeper than 12 levels/);
  // Brackets inside strings do not count as nesting.
  const deepString = sampleMacro();
  deepString.steps = [{ kind: "type", text: "[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{" }];
  assert.equal(parseMacro(text(deepString)).steps.length, 1);
  rejects(text({ ...sampleMacro(), steps: Array.from({ length: MACRO_LIMITS.steps + 1 }, () => ({ kind: "wait", ms: 1 })) }), /steps: Too big/i);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "type", text: "x".repeat(MACRO_LIMITS.text + 1) }] }), /steps\.0\.text: Too big/i);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "click", target: target(5000, 200) }] }), /outside the display it was recorded on/);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "click", target: target(-1, 200) }] }), /out-of-screen/);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "click", target: { ...target(10, 10), point: { x: 1e308, y: 0 } } }] }), /steps\.0\.target\.point\.x/);
  rejects(text({ ...sampleMacro(), steps: [{ kind: "wait", ms: 1e12 }] }), /steps\.0\.ms/);
});

test("a macro can only ever produce input actions: no other step kinds, no extra fields", () => {
  for (const step of [
    { kind: "exec", command: "rm -rf ~" },
    { kind: "shell", text: "ls" },
    { kind: "terminate", status: "success" },
    { kind: "type", text: "hi", command: "rm -rf ~" },
    { kind: "click", target: target(10, 10), onSuccess: { kind: "exec" } },
  ]) {
    rejects(text({ ...sampleMacro(), steps: [step] }), /steps\.0/);
  }
  rejects(text({ ...sampleMacro(), hooks: { before: "curl evil" } }), /Unrecognized key/i);
  const macro = parseMacro(text(sampleMacro()));
  for (const step of macro.steps) {
    const p = { x: 10, y: 10 };
    for (const action of stepActions(step, p, p)) {
      assert.ok(MACRO_ACTIONS.has(action.action), action.action);
      assert.ok(ComputerActionSchema.safeParse(action).success);
    }
  }
});
