import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkFrame } from "../../../agent/frames/checkFrame.js";
import { ImageInputError } from "../../../agent/frames/ImageInputError.js";

const frame = (width: number, height: number, factor = 28) => ({ width, height, tokens: (width / factor) * (height / factor) });
const rgb = (width: number, height: number, bytes = width * height * 3) => ({ data: new Uint8Array(bytes), width, height });

describe("checkFrame", () => {
  test("a frame whose pixels are exactly it, on the model's grid and within its bounds, passes", () => {
    checkFrame({ rgb: rgb(56, 28), frame: frame(56, 28) }, 28, 1, 4096);
    checkFrame({ rgb: rgb(64, 32), frame: frame(64, 32, 32) }, 32, 1, 4096);
  });

  test("wrong bytes, a ratio past 200:1, pixels that are not the frame, another grid or tokens out of bounds are refused", () => {
    assert.throws(() => checkFrame({ rgb: rgb(56, 56, 10), frame: frame(56, 56) }, 28, 1, 4096), ImageInputError);
    assert.throws(() => checkFrame({ rgb: rgb(5880, 28), frame: frame(5880, 28) }, 28, 1, 4096), /200:1/);
    assert.throws(() => checkFrame({ rgb: rgb(64, 64), frame: frame(56, 56) }, 28, 1, 4096), /claims the 56x56 frame/);
    assert.throws(() => checkFrame({ rgb: rgb(56, 28), frame: frame(56, 28) }, 32, 1, 4096), /multiples of 32/);
    assert.throws(() => checkFrame({ rgb: rgb(56, 28), frame: frame(56, 28) }, 28, 4, 4096), /outside the 4…4096/);
  });
});
