import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { repoRoot } from "../support/repoRoot.js";

// The house style's import direction (STYLE.md), checked through the real eslint.config.js:
// each planted file in test/fixtures/lint/ is linted as if it lived in the folder named here.
// (renderer/ may still be empty: an unmatched folder is not an error here.)
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: join(repoRoot, "eslint.config.js"),
  errorOnUnmatchedPattern: false,
});
const importDirectionRules = new Set([
  "@typescript-eslint/no-restricted-imports",
  "no-restricted-syntax",
  "@typescript-eslint/no-import-type-side-effects",
]);

async function lintPlanted(fixture: string, asPath: string): Promise<{ ruleId: string | null; line: number; message: string }[]> {
  const code = readFileSync(join(repoRoot, "test/fixtures/lint", fixture), "utf8");
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, asPath) });
  assert.ok(result, `ESLint returned no result for ${fixture}`);
  return result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message }));
}

const violations = [
  { fixture: "agentImportsElectron.ts", as: "agent/planted.ts", line: 2, says: "electron" },
  { fixture: "agentImportsElectronSubpath.ts", as: "agent/planted.ts", line: 2, says: "electron" },
  { fixture: "agentLoadsElectronDynamically.ts", as: "agent/loop/planted.ts", line: 3, says: "electron" },
  { fixture: "agentImportsRendererRelative.ts", as: "agent/service/planted.ts", line: 2, says: "renderer/" },
  { fixture: "agentRequiresRenderer.ts", as: "agent/service/planted.ts", line: 5, says: "renderer/" },
  { fixture: "agentImportsElectronFolder.ts", as: "agent/service/planted.ts", line: 2, says: "electron/" },
  { fixture: "nativeImportsElectron.ts", as: "native/planted.ts", line: 2, says: "electron" },
  { fixture: "nativeImportsRenderer.ts", as: "native/planted.ts", line: 2, says: "renderer/" },
  { fixture: "rendererImportsAgentValue.ts", as: "renderer/planted.ts", line: 2, says: "only types from agent/" },
  { fixture: "rendererImportsAgentInlineType.ts", as: "renderer/planted.ts", line: 3, says: "side effect import" },
  { fixture: "rendererImportsElectron.ts", as: "renderer/planted.ts", line: 2, says: "electron" },
];

describe("import direction (eslint.config.js)", () => {
  for (const v of violations) {
    test(`${v.fixture} as ${v.as} is reported`, async () => {
      const messages = await lintPlanted(v.fixture, v.as);
      const hits = messages.filter((m) => m.ruleId !== null && importDirectionRules.has(m.ruleId));
      assert.equal(hits.length, 1, `expected one import-direction report, got ${JSON.stringify(messages)}`);
      assert.equal(hits[0]!.line, v.line);
      assert.match(hits[0]!.message, new RegExp(v.says.replace(/[/]/g, "\\/")));
    });
  }

  test("a type-only renderer → agent import is allowed", async () => {
    assert.deepEqual(await lintPlanted("rendererImportsAgentType.ts", "renderer/planted.ts"), []);
  });

  test("agent may import native/ and node: modules", async () => {
    assert.deepEqual(await lintPlanted("agentImportsNative.ts", "agent/planted.ts"), []);
  });

  test("the same Electron import is fine where it belongs, under electron/", async () => {
    assert.deepEqual(await lintPlanted("agentImportsElectron.ts", "electron/main/planted.ts"), []);
  });

  test("the planted files are really kept out of `npm run lint`", async () => {
    assert.equal(await eslint.isPathIgnored(join(repoRoot, "test/fixtures/lint/agentImportsElectron.ts")), true);
  });

  test("the tree as it is has no import-direction violation", async () => {
    const results = await eslint.lintFiles(["agent", "native", "renderer"].map((d) => join(repoRoot, d)));
    const hits = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId !== null && importDirectionRules.has(m.ruleId))
        .map((m) => `${r.filePath}:${m.line}: ${m.message}`),
    );
    assert.deepEqual(hits, []);
  });
});
