import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parseAction } from "../../../agent/actions/parseAction.js";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";

/** Asserts `parseAction(input)` refuses with INVALID_ACTION and a message that says so. */
function assertInvalid(input: unknown, mentions?: RegExp): void {
  assert.throws(
    () => parseAction(input),
    (error: unknown) => {
      assert.ok(error instanceof InvalidActionError, `expected InvalidActionError, got ${String(error)}`);
      assert.equal(error.code, "INVALID_ACTION");
      assert.match(error.message, /^Invalid action: /);
      if (mentions) assert.match(error.message, mentions);
      return true;
    },
  );
}

describe("parseAction", () => {
  describe("accepts each computer_use action kind", () => {
    const valid: Record<string, unknown>[] = [
      { action: "key", keys: ["ctrl", "c"] },
      { action: "type", text: "Grüße, 東京!" },
      { action: "type", text: "" },
      { action: "mouse_move", coordinate: [10, 20] },
      { action: "left_click", coordinate: [640, 400] },
      { action: "left_click" },
      { action: "left_click_drag", coordinate: [100.5, 200.25] },
      { action: "right_click", coordinate: [0, 0] },
      { action: "middle_click" },
      { action: "double_click", coordinate: [5, 6] },
      { action: "scroll", pixels: -300 },
      { action: "scroll", pixels: 120, coordinate: [50, 60] },
      { action: "wait", time: 1.5 },
      { action: "wait", time: 0 },
      { action: "terminate", status: "success" },
      { action: "terminate", status: "failure" },
    ];
    for (const action of valid) {
      test(JSON.stringify(action), () => {
        assert.deepEqual(parseAction(JSON.stringify(action)), action);
        assert.deepEqual(parseAction(action), action, "an already-parsed object works too");
      });
    }
  });

  test("the whole tool call {name: computer_use, arguments} is unwrapped", () => {
    const call = '{"name":"computer_use","arguments":{"action":"left_click","coordinate":[12,34]}}';
    assert.deepEqual(parseAction(call), { action: "left_click", coordinate: [12, 34] });
  });

  test("a wrapper naming another tool is not unwrapped", () => {
    assertInvalid('{"name":"browser","arguments":{"action":"left_click","coordinate":[12,34]}}');
  });

  test("malformed JSON", () => {
    assertInvalid('{"action":"left_click",', /not JSON/);
    assertInvalid("");
    assertInvalid("left_click");
  });

  test("JSON that is not an object", () => {
    for (const text of ["null", "42", '"left_click"', "[]"]) assertInvalid(text);
  });

  test("unknown action", () => {
    assertInvalid('{"action":"triple_click","coordinate":[1,2]}');
    assertInvalid('{"coordinate":[1,2]}');
  });

  test("extra fields are refused, not ignored", () => {
    assertInvalid('{"action":"left_click","coordinate":[1,2],"button":"right"}');
    assertInvalid('{"action":"type","text":"x","coordinate":[1,2]}');
  });

  test("missing coordinate where the action needs one", () => {
    assertInvalid('{"action":"mouse_move"}', /coordinate/);
    assertInvalid('{"action":"left_click_drag"}', /coordinate/);
  });

  test("malformed arguments", () => {
    assertInvalid('{"action":"left_click","coordinate":[1]}');
    assertInvalid('{"action":"left_click","coordinate":[1,2,3]}');
    assertInvalid('{"action":"left_click","coordinate":["1","2"]}');
    assertInvalid('{"action":"key","keys":[]}');
    assertInvalid('{"action":"key","keys":[""]}');
    assertInvalid('{"action":"key","keys":"ctrl+c"}');
    assertInvalid('{"action":"type"}');
    assertInvalid('{"action":"scroll"}');
    assertInvalid('{"action":"wait","time":-1}');
    assertInvalid('{"action":"terminate","status":"done"}');
  });
});
