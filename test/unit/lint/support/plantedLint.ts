import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { repoRoot } from "../../../support/repoRoot.js";

/**
 * The real eslint.config.js for planted files, linted as if they lived at a path that does not
 * exist: the type-aware rules need a file the TypeScript project holds, so they are switched off
 * here (typescript-eslint's disableTypeChecked); every other rule is the tree's own.
 */
export const plantedEslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: join(repoRoot, "eslint.config.js"),
  overrideConfig: [{ files: ["**/*.{ts,tsx,mts,cts}"], ...tseslint.configs.disableTypeChecked }],
  errorOnUnmatchedPattern: false,
});

/** The real eslint.config.js, type-aware rules included, for text linted at a path the project holds. */
export const typedEslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, "eslint.config.js") });

export interface LintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
  readonly severity: number;
}

/** Lints `code` as the file at `asPath` (relative to the repository). */
export async function lintAs(eslint: ESLint, code: string, asPath: string): Promise<LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, asPath) });
  assert.ok(result, `ESLint returned no result for ${asPath}`);
  return result.messages.map(({ ruleId, line, message, severity }) => ({ ruleId, line, message, severity }));
}

/** Lints the planted file `fixture` (test/fixtures/lint) as the file at `asPath`. */
export function lintFixtureAs(fixture: string, asPath: string): Promise<LintMessage[]> {
  return lintAs(plantedEslint, readFileSync(join(repoRoot, "test/fixtures/lint", fixture), "utf8"), asPath);
}
