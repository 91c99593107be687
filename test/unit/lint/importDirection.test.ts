import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../../support/repoRoot.js";
import { lintFixtureAs, plantedEslint } from "./support/plantedLint.js";

// The house style's import direction (STYLE.md), checked through the real eslint.config.js:
// each planted file in test/fixtures/lint/ is linted as if it lived in the folder named here.
// (renderer/ may still be empty: an unmatched folder is not an error here.)
const eslint = plantedEslint;
// The layering's table, from the source tree (tests run from dist/, which does not hold lint/).
const { LAYERING_EXCEPTIONS } = (await import(pathToFileURL(join(repoRoot, "lint/agentLayers.js")).href)) as {
  LAYERING_EXCEPTIONS: readonly { from: string; to: string; why: string }[];
};
const importDirectionRules = new Set([
  "@typescript-eslint/no-restricted-imports",
  "no-restricted-syntax",
  "@typescript-eslint/no-import-type-side-effects",
  "deskpilot/agent-layers",
]);

async function lintPlanted(fixture: string, asPath: string): Promise<{ ruleId: string | null; line: number; message: string }[]> {
  return (await lintFixtureAs(fixture, asPath)).map(({ ruleId, line, message }) => ({ ruleId, line, message }));
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
  // inside agent/: the folders' order (lint/agentLayers.js)
  { fixture: "agentImportsUpward.ts", as: "agent/geometry/planted.ts", line: 2, says: "agent/geometry sits below agent/loop" },
  { fixture: "agentUnrankedFolder.ts", as: "agent/newfeature/planted.ts", line: 1, says: "agent/newfeature is not in AGENT_LAYERS" },
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

  test("inside agent/, importing a folder below is fine", async () => {
    assert.deepEqual(await lintPlanted("agentImportsDownward.ts", "agent/loop/planted.ts"), []);
  });

  test("every layering exception names an import that still exists (the list stays true)", () => {
    for (const e of LAYERING_EXCEPTIONS) {
      const importers = readdirSync(join(repoRoot, "agent", e.from), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.tsx?$/.test(f))
        .filter((f) => {
          const file = join(repoRoot, "agent", e.from, f);
          return [...readFileSync(file, "utf8").matchAll(/from\s+"(\.[^"]+)"/g)].some((m) => {
            const target = relative(join(repoRoot, "agent"), resolve(dirname(file), m[1]!))
              .split(sep)
              .join("/");
            return target.replace(/\.js$/, "") === e.to;
          });
        });
      assert.ok(importers.length > 0, `agent/${e.from} no longer imports ${e.to}: remove the exception from lint/agentLayers.js`);
    }
  });

  test("the planted files are really kept out of `npm run lint`", async () => {
    assert.equal(await eslint.isPathIgnored(join(repoRoot, "test/fixtures/lint/agentImportsElectron.ts")), true);
  });

  test("the tree as it is has no import-direction violation", async () => {
    const results = await eslint.lintFiles(["agent", "native", "renderer"].map((d) => join(repoRoot, d)));
    const hits = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId !== null && importDirectionRules.has(m.ruleId)).map((m) => `${r.filePath}:${m.line}: ${m.message}`),
    );
    assert.deepEqual(hits, []);
  });
});
