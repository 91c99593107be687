import { test } from "node:test";
import assert from "node:assert/strict";
import { lintFixtureAs } from "./support/plantedLint.js";

// History once blanked the whole panel: an effect written `() => el.scrollIntoView()` returned
// Chromium's Promise, which React called as the cleanup. eslint.config.js refuses that shape in
// renderer/; these planted files, linted as renderer code through the real config, keep it so.
async function lintAsRenderer(fixture: string) {
  return (await lintFixtureAs(fixture, "renderer/src/components/planted.tsx")).map(({ ruleId, line, message }) => ({ ruleId, line, message }));
}

test("an effect whose arrow returns a call's value is reported at its line", async () => {
  const messages = await lintAsRenderer("rendererEffectReturnsValue.tsx");
  assert.deepEqual(
    messages.map((m) => [m.ruleId, m.line]),
    [["no-restricted-syntax", 5]],
    JSON.stringify(messages),
  );
  assert.match(messages[0]!.message, /cleanup; use a block body/);
});

test("block-bodied effects and `() => void f()` pass", async () => {
  assert.deepEqual(await lintAsRenderer("rendererEffectBlockBody.tsx"), []);
});
