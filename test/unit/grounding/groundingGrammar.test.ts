import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { groundingGrammar, rangeRule } from "../../../agent/grounding/groundingGrammar.js";

/** Turns the GBNF expression (literals, classes, alternation) into an anchored RegExp. */
function asRegExp(expr: string): RegExp {
  return new RegExp(`^(?:${expr.replace(/"(\d+)"/g, "$1").replace(/ /g, "")})$`);
}

describe("groundingGrammar", () => {
  for (const max of [0, 7, 9, 10, 27, 99, 100, 755, 1000, 1931, 2379]) {
    test(`rangeRule(${max}) matches exactly 0…${max}, no leading zeros`, () => {
      const re = asRegExp(rangeRule(max));
      for (let n = 0; n <= Math.max(max * 2, 30); n++) assert.equal(re.test(String(n)), n <= max, String(n));
      assert.equal(re.test("01"), false);
      assert.equal(re.test(""), false);
    });
  }

  test("a point grammar pins the Qwen2.5-VL JSON shape and the frame's bounds", () => {
    const g = groundingGrammar({ width: 1932, height: 1092 }, "point");
    assert.match(g, /^root ::= "\{\\"point_2d\\": \[" x ", " y "\], \\"label\\": \\"" label "\\"\}"$/m);
    assert.match(g, /^x ::= .*\("1931"\)$/m);
    assert.match(g, /^y ::= .*\("1091"\)$/m);
  });

  test("a box grammar has four coordinates", () => {
    assert.match(groundingGrammar({ width: 100, height: 50 }, "box"), /"\{\\"bbox_2d\\": \[" x ", " y ", " x ", " y "\]/);
  });
});
