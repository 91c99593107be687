import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { selectDisplay } from "../../../agent/capture/selectDisplay.js";
import { UnknownDisplayError } from "../../../agent/errors/UnknownDisplayError.js";
import { DeskPilotError } from "../../../agent/errors/DeskPilotError.js";
import { display, dualHidpi } from "../../support/displayLayouts.js";

describe("selectDisplay", () => {
  const a = display({ id: "65", name: "DP-1", x: 0, y: 0, width: 800, height: 600 });
  const b = display({ id: "66", name: "HDMI-1", x: 800, y: 0, width: 800, height: 600, primary: true });

  test("no id: the primary display, wherever it is in the list", () => {
    assert.equal(selectDisplay([a, b]), b);
    assert.equal(selectDisplay(dualHidpi), dualHidpi[0]);
  });

  test("no id and no primary: the first display", () => {
    assert.equal(selectDisplay([a, { ...b, primary: false }]), a);
  });

  test("by id or by output name", () => {
    assert.equal(selectDisplay([a, b], "65"), a);
    assert.equal(selectDisplay([a, b], "HDMI-1"), b);
  });

  test("an unknown id is a clear error naming the displays there are", () => {
    assert.throws(
      () => selectDisplay([a, b], "7"),
      (error: unknown) => {
        assert.ok(error instanceof UnknownDisplayError);
        assert.equal(error.code, "UNKNOWN_DISPLAY");
        assert.equal(error.displayId, "7");
        assert.match(error.message, /no display with id 7/);
        assert.match(error.message, /65 \(DP-1\), 66 \(HDMI-1\)/);
        return true;
      },
    );
  });

  test("ids match exactly, not by prefix or case", () => {
    assert.throws(() => selectDisplay([a, b], "6"), UnknownDisplayError);
    assert.throws(() => selectDisplay([a, b], "hdmi-1"), UnknownDisplayError);
  });

  test("an empty display list is an error, not an undefined display", () => {
    // The return type promises a Display; a screen source with no monitors must hear why.
    assert.throws(() => selectDisplay([]), DeskPilotError);
    assert.throws(() => selectDisplay([], "0"), UnknownDisplayError);
  });
});
