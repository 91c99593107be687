import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { executeAction, type ExecuteOptions } from "../../../agent/actions/executeAction.js";
import type { ComputerAction } from "../../../agent/actions/ComputerAction.js";
import { OffScreenError } from "../../../agent/geometry/OffScreenError.js";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { dualHidpi } from "../../support/displayLayouts.js";

const [left, right] = dualHidpi as [(typeof dualHidpi)[0], (typeof dualHidpi)[0]];

/** Runs one action on the two-monitor layout with a recording input driver. */
async function run(action: ComputerAction, pointer = { x: 100, y: 100 }, options: ExecuteOptions = {}) {
  const input = new FakeInputDriver(pointer);
  const outcome = await executeAction(action, input, dualHidpi, options);
  return { input, outcome };
}

/** Asserts the action is refused with `errorClass` and that not one input event was sent. */
async function assertRefused(action: ComputerAction, errorClass: typeof OffScreenError | typeof InvalidActionError, pointer = { x: 100, y: 100 }) {
  const input = new FakeInputDriver(pointer);
  await assert.rejects(executeAction(action, input, dualHidpi), errorClass);
  assert.deepEqual(input.calls, [], "no input event may be sent before or after the refusal");
}

describe("executeAction", () => {
  describe("clicks land where the action says, in global logical pixels", () => {
    test("left_click on the second monitor", async () => {
      const { input, outcome } = await run({ action: "left_click", coordinate: [1300, 50] });
      assert.deepEqual(input.calls, [{ kind: "click", at: { x: 1300, y: 50 }, button: "left", count: 1 }]);
      assert.equal(outcome.display, right);
      assert.deepEqual(outcome.point, { x: 1300, y: 50 });
      assert.equal(outcome.dryRun, false);
    });

    test("right, middle and double clicks", async () => {
      assert.deepEqual((await run({ action: "right_click", coordinate: [1, 2] })).input.calls, [
        { kind: "click", at: { x: 1, y: 2 }, button: "right", count: 1 },
      ]);
      assert.deepEqual((await run({ action: "middle_click", coordinate: [3, 4] })).input.calls, [
        { kind: "click", at: { x: 3, y: 4 }, button: "middle", count: 1 },
      ]);
      assert.deepEqual((await run({ action: "double_click", coordinate: [5, 6] })).input.calls, [
        { kind: "click", at: { x: 5, y: 6 }, button: "left", count: 2 },
      ]);
    });

    test("a triple click (Qwen3-VL's triple_click) clicks three times, to select a line", async () => {
      assert.deepEqual((await run({ action: "left_click", coordinate: [7, 8], clicks: 3 })).input.calls, [
        { kind: "click", at: { x: 7, y: 8 }, button: "left", count: 3 },
      ]);
    });

    test("a point-less left_click clicks where the pointer is", async () => {
      const { input, outcome } = await run({ action: "left_click" }, { x: 1500, y: 300 });
      assert.deepEqual(input.calls, [{ kind: "click", at: { x: 1500, y: 300 }, button: "left", count: 1 }]);
      assert.deepEqual(outcome.point, { x: 1500, y: 300 });
      assert.equal(outcome.display, right);
    });

    test("mouse_move moves and nothing else", async () => {
      const { input } = await run({ action: "mouse_move", coordinate: [2303, 599] });
      assert.deepEqual(input.calls, [{ kind: "move", to: { x: 2303, y: 599 } }]);
    });
  });

  describe("never outside the screen", () => {
    const offScreen: [string, ComputerAction][] = [
      ["right of every display", { action: "left_click", coordinate: [2304, 10] }],
      ["below the shorter right monitor", { action: "double_click", coordinate: [1500, 650] }],
      ["negative", { action: "mouse_move", coordinate: [-1, 10] }],
      ["far away", { action: "right_click", coordinate: [1e6, 1e6] }],
      ["a drag's end", { action: "left_click_drag", coordinate: [5000, 10] }],
      ["a scroll's point", { action: "scroll", pixels: 100, coordinate: [0, 720] }],
    ];
    for (const [where, action] of offScreen) {
      test(`${where}: OffScreenError and zero input calls`, () => assertRefused(action, OffScreenError));
    }

    test("a point-less click while the pointer is off screen is refused", () => assertRefused({ action: "left_click" }, OffScreenError, { x: 1500, y: 700 }));

    test("a drag that would start off screen is refused", () =>
      assertRefused({ action: "left_click_drag", coordinate: [10, 10] }, OffScreenError, { x: -5, y: -5 }));

    test("the error says where the point was and what the screens are", async () => {
      await assert.rejects(executeAction({ action: "left_click", coordinate: [2304, 10] }, new FakeInputDriver(), dualHidpi), (error: unknown) => {
        assert.ok(error instanceof OffScreenError);
        assert.equal(error.code, "OFF_SCREEN");
        assert.deepEqual(error.point, { x: 2304, y: 10 });
        assert.match(error.message, /\(2304, 10\)/);
        assert.match(error.message, /1024x600\+1280\+0/);
        return true;
      });
    });

    test("with no displays at all, every pointed action is refused", async () => {
      const input = new FakeInputDriver();
      await assert.rejects(executeAction({ action: "left_click", coordinate: [0, 0] }, input, []), OffScreenError);
      assert.deepEqual(input.calls, []);
    });
  });

  describe("keys", () => {
    test("a chord is sent as given", async () => {
      const { input } = await run({ action: "key", keys: ["ctrl", "shift", "t"] });
      assert.deepEqual(input.calls, [{ kind: "keys", keys: ["ctrl", "shift", "t"] }]);
    });

    test("an unknown key is refused before any key goes down", () => assertRefused({ action: "key", keys: ["ctrl", "hyper"] }, InvalidActionError));

    test("an unknown key inside a one-string chord is refused too", () => assertRefused({ action: "key", keys: ["ctrl+bogus"] }, InvalidActionError));
  });

  test("type hands the exact text to the driver", async () => {
    const { input, outcome } = await run({ action: "type", text: "Grüße, 東京! a+b={x}" });
    assert.deepEqual(input.calls, [{ kind: "type", text: "Grüße, 東京! a+b={x}" }]);
    assert.equal(outcome.point, undefined);
  });

  describe("left_click_drag", () => {
    test("starts from where the pointer is and ends at the coordinate", async () => {
      const { input, outcome } = await run({ action: "left_click_drag", coordinate: [1400, 200] }, { x: 640, y: 360 });
      assert.deepEqual(input.calls, [{ kind: "drag", from: { x: 640, y: 360 }, to: { x: 1400, y: 200 } }]);
      assert.equal(outcome.display, right);
    });
  });

  describe("scroll: pixels become wheel notches, positive pixels scroll up", () => {
    // PIXELS_PER_NOTCH is 100: 300 px is 3 notches; anything non-zero is at least one notch.
    const cases: [number, number][] = [
      [300, 3],
      [-300, -3],
      [100, 1],
      [-100, -1],
      [30, 1],
      [-30, -1],
      [249, 2],
      [1000, 10],
    ];
    for (const [pixels, notches] of cases) {
      test(`${pixels} px → ${notches} notch(es) ${notches > 0 ? "up" : "down"}`, async () => {
        const { input } = await run({ action: "scroll", pixels, coordinate: [700, 500] });
        assert.equal(input.calls.length, 1);
        const call = input.calls[0]!;
        assert.equal(call.kind, "scroll");
        if (call.kind !== "scroll") return;
        assert.deepEqual(call.at, { x: 700, y: 500 });
        assert.equal(call.dy, notches);
        assert.ok(!call.dx, "a vertical scroll has no horizontal part");
      });
    }

    test("without a coordinate it scrolls where the pointer is", async () => {
      const { input } = await run({ action: "scroll", pixels: -200 }, { x: 1290, y: 10 });
      assert.deepEqual(input.calls, [{ kind: "scroll", at: { x: 1290, y: 10 }, dy: -2, dx: undefined }]);
    });

    test("a horizontal scroll (Qwen3-VL's hscroll) turns the wheel sideways: positive pixels right", async () => {
      const { input } = await run({ action: "scroll", pixels: 300, coordinate: [700, 500], axis: "horizontal" });
      assert.deepEqual(input.calls, [{ kind: "scroll", at: { x: 700, y: 500 }, dy: 0, dx: 3 }]);
    });

    test("zero pixels sends nothing", async () => {
      const { input } = await run({ action: "scroll", pixels: 0, coordinate: [10, 10] });
      assert.deepEqual(input.calls, []);
    });
  });

  describe("dry run", () => {
    const actions: ComputerAction[] = [
      { action: "left_click", coordinate: [1300, 50] },
      { action: "left_click" },
      { action: "double_click", coordinate: [5, 6] },
      { action: "left_click_drag", coordinate: [1400, 200] },
      { action: "scroll", pixels: 300 },
      { action: "key", keys: ["ctrl", "c"] },
      { action: "type", text: "hello" },
      { action: "mouse_move", coordinate: [1, 1] },
    ];
    for (const action of actions) {
      test(`${JSON.stringify(action)}: zero input calls, and the outcome says where`, async () => {
        const { input, outcome } = await run(action, { x: 1500, y: 300 }, { dryRun: true });
        assert.deepEqual(input.calls, []);
        assert.equal(outcome.dryRun, true);
        assert.deepEqual(outcome.action, action);
      });
    }

    test("still refuses an off-screen point", () =>
      assert.rejects(executeAction({ action: "left_click", coordinate: [9999, 0] }, new FakeInputDriver(), dualHidpi, { dryRun: true }), OffScreenError));

    test("still refuses an unknown key", () =>
      assert.rejects(executeAction({ action: "key", keys: ["bogus"] }, new FakeInputDriver(), dualHidpi, { dryRun: true }), InvalidActionError));

    test("reports the display and point it would have used", async () => {
      const { outcome } = await run({ action: "left_click" }, { x: 20, y: 30 }, { dryRun: true });
      assert.equal(outcome.display, left);
      assert.deepEqual(outcome.point, { x: 20, y: 30 });
    });
  });

  test("wait sleeps for time seconds through the injected sleep, sending no input", async () => {
    const slept: number[] = [];
    const { input } = await run({ action: "wait", time: 1.5 }, undefined, { sleep: async (ms) => void slept.push(ms) });
    assert.deepEqual(slept, [1500]);
    assert.deepEqual(input.calls, []);
  });

  test("a wait is cut short by the abort signal", async () => {
    const controller = new AbortController();
    const waiting = executeAction({ action: "wait", time: 60 }, new FakeInputDriver(), dualHidpi, { signal: controller.signal });
    controller.abort(new Error("user stop"));
    await assert.rejects(waiting, /user stop/);
  });

  test("an already aborted signal sends nothing", async () => {
    const input = new FakeInputDriver();
    await assert.rejects(executeAction({ action: "left_click", coordinate: [10, 10] }, input, dualHidpi, { signal: AbortSignal.abort() }));
    assert.deepEqual(input.calls, []);
  });

  test("terminate reports its status and sends nothing", async () => {
    const { input, outcome } = await run({ action: "terminate", status: "failure" });
    assert.equal(outcome.status, "failure");
    assert.deepEqual(input.calls, []);
  });
});
