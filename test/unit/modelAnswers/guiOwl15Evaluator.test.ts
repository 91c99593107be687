import { test } from "node:test";
import assert from "node:assert/strict";
import { getProfile } from "../../../agent/profiles/profileRegistry.js";
import { loadModelAnswerFile } from "../../support/modelAnswers.js";

// The evaluator's own points for these answers (vocaela/kv-ground at 8832e49, the report's
// `pred`, in ScreenSpot-Pro screenshot pixels; it multiplies by width/1000 and height/1000 and
// rounds). The gui-owl-1.5 profile read on the same 3840×2160 screenshot must land on them.
const EVALUATOR_PRED: Record<string, readonly [number, number]> = {
  "kv-ground-guiowl15-sspro-android-studio-macos-1": [2093, 1698],
  "kv-ground-guiowl15-sspro-android-studio-macos-0": [1947, 1514],
  "kv-ground-guiowl15-sspro-origin-windows-50": [680, 477],
  "kv-ground-guiowl15-sspro-origin-windows-51": [19, 32],
  "kv-ground-guiowl15-sspro-origin-windows-52": [1037, 1683],
};

test("GUI-Owl-1.5-format grounding answers map to the screen pixels the evaluator computed", () => {
  const answers = loadModelAnswerFile("kv-ground-gui-owl-1.5-sspro.json");
  assert.deepEqual(answers.map((a) => a.id).sort(), Object.keys(EVALUATOR_PRED).sort());
  const profile = getProfile("gui-owl-1.5");
  const screenshot = { width: 3840, height: 2160 };
  for (const a of answers) {
    const best = profile.grounding.parse(a.answer, screenshot, profile.defaultCoordinates).best;
    assert.deepEqual([Math.round(best.point.x), Math.round(best.point.y)], EVALUATOR_PRED[a.id], a.id);
  }
});
