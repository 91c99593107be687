import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { repoRoot } from "../../support/repoRoot.js";

// The React hooks rules, through the real eslint.config.js on planted renderer files: a hook
// after an early return changes the hooks' order between renders, and an effect that leaves out
// what it reads keeps following the first run it saw.
const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, "eslint.config.js") });

async function lintAsRenderer(fixture: string) {
  const code = readFileSync(join(repoRoot, "test/fixtures/lint", fixture), "utf8");
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, "renderer/src/components/planted.tsx") });
  assert.ok(result, `ESLint returned no result for ${fixture}`);
  return result.messages.map(({ ruleId, line, severity }) => ({ ruleId, line, severity }));
}

test("a hook called after an early return is an error at its line", async () => {
  assert.deepEqual(await lintAsRenderer("rendererConditionalHook.tsx"), [{ ruleId: "react-hooks/rules-of-hooks", line: 5, severity: 2 }]);
});

test("an effect whose dependency list leaves out a value it reads is an error", async () => {
  assert.deepEqual(await lintAsRenderer("rendererEffectMissingDependency.tsx"), [{ ruleId: "react-hooks/exhaustive-deps", line: 6, severity: 2 }]);
});
