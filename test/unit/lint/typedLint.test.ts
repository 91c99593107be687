import { test } from "node:test";
import assert from "node:assert/strict";
import { lintAs, typedEslint } from "./support/plantedLint.js";

// The type-aware rules of eslint.config.js, on text linted in place of a file the TypeScript
// project holds (its real contents are not read): what they must report, and what they must not.
const rules = (messages: readonly { ruleId: string | null; line: number }[]) => messages.map((m) => [m.ruleId, m.line]);

test("a promise nobody awaits, and an async callback where void is expected, are errors in agent/", async () => {
  const code = [
    'import { EventEmitter } from "node:events";',
    "export async function act(): Promise<void> {}",
    "export function step(): void {",
    "  act();",
    '  new EventEmitter().on("x", async () => act());',
    "  void act();",
    "}",
    "",
  ].join("\n");
  assert.deepEqual(rules(await lintAs(typedEslint, code, "agent/stats/median.ts")), [
    ["@typescript-eslint/no-floating-promises", 4],
    ["@typescript-eslint/no-misused-promises", 5],
  ]);
});

test("a switch over a union that forgets a member is an error; a default counts as handling the rest", async () => {
  const code = [
    'type Kind = "click" | "type" | "key";',
    "export function name(k: Kind): string {",
    "  switch (k) {",
    '    case "click":',
    '      return "c";',
    '    case "type":',
    '      return "t";',
    "  }",
    '  return "";',
    "}",
    "export function other(k: Kind): string {",
    "  switch (k) {",
    '    case "click":',
    '      return "c";',
    "    default:",
    '      return "";',
    "  }",
    "}",
    "",
  ].join("\n");
  assert.deepEqual(rules(await lintAs(typedEslint, code, "agent/stats/median.ts")), [["@typescript-eslint/switch-exhaustiveness-check", 3]]);
});

test("node:test's test() and describe() may go unawaited: the runner awaits them", async () => {
  const code = ['import { describe, test } from "node:test";', 'describe("d", () => {', '  test("t", async () => {});', "});", 'test("u", () => {});', ""].join(
    "\n",
  );
  assert.deepEqual(await lintAs(typedEslint, code, "test/unit/stats/median.test.ts"), []);
});
