import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isReproduced, rankingScore } from "../../../agent/models/ModelEvidence.js";
import { describeEvidence } from "../../../agent/models/describeEvidence.js";

const s = (score: number, reportedBy = "x", source = "https://example.org/a") => ({ score, reportedBy, source });

describe("ModelEvidence", () => {
  test("the ranking score is the lowest published number; none published, none", () => {
    assert.equal(rankingScore({ authors: s(49.6), reproductions: [s(42.06), s(42.0)] }), 42.0);
    assert.equal(rankingScore({ authors: s(54.6), reproductions: [s(56.42)] }), 54.6);
    assert.equal(rankingScore({ reproductions: [s(15.62)] }), 15.62);
    assert.equal(rankingScore({ reproductions: [] }), undefined);
    assert.equal(rankingScore(undefined), undefined);
    assert.equal(isReproduced({ authors: s(60), reproductions: [] }), false);
  });

  test("described with who, where, and whether anyone re-ran it", () => {
    assert.deepEqual(
      describeEvidence({
        screenSpotPro: {
          authors: s(66.8, "Tongyi Lab (authors)", "https://arxiv.org/abs/2602.16855"),
          reproductions: [s(66.16, "ClawGUI-Eval", "https://github.com/ZJU-REAL/ClawGUI")],
        },
        osworld: { authors: { ...s(48.2, "Tongyi Lab (authors)", "https://github.com/X-PLUG/MobileAgent"), detail: "OSWorld-Verified" }, reproductions: [] },
      }),
      [
        "ScreenSpot-Pro: 66.8 (https://arxiv.org/abs/2602.16855) by Tongyi Lab (authors); re-run: 66.2 (https://github.com/ZJU-REAL/ClawGUI) by ClawGUI-Eval",
        "OSWorld: 48.2 (https://github.com/X-PLUG/MobileAgent; OSWorld-Verified) by Tongyi Lab (authors); not independently reproduced",
      ],
    );
    assert.deepEqual(describeEvidence({}), ["ScreenSpot-Pro: no published result found"]);
    assert.deepEqual(describeEvidence({ screenSpotPro: { reproductions: [s(15.62, "ClawGUI-Eval")] } }), [
      "ScreenSpot-Pro: no authors' number found; re-run: 15.6 (https://example.org/a) by ClawGUI-Eval",
    ]);
  });
});
