import { test } from "node:test";
import assert from "node:assert/strict";
import { lintFixtureAs } from "./support/plantedLint.js";

// The React hooks rules, through the real eslint.config.js on planted renderer files: a hook
// after an early return changes the hooks' order between renders, and an effect that leaves out
// what it reads keeps following the first run it saw.
async function lintAsRenderer(fixture: string) {
  return (await lintFixtureAs(fixture, "renderer/src/components/planted.tsx")).map(({ ruleId, line, severity }) => ({ ruleId, line, severity }));
}

test("a hook called after an early return is an error at its line", async () => {
  assert.deepEqual(await lintAsRenderer("rendererConditionalHook.tsx"), [{ ruleId: "react-hooks/rules-of-hooks", line: 5, severity: 2 }]);
});

test("an effect whose dependency list leaves out a value it reads is an error", async () => {
  assert.deepEqual(await lintAsRenderer("rendererEffectMissingDependency.tsx"), [{ ruleId: "react-hooks/exhaustive-deps", line: 6, severity: 2 }]);
});
