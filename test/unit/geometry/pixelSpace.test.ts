import { test } from "node:test";
import assert from "node:assert/strict";
import type { Display } from "../../../agent/geometry/Display.js";
import { frameToImage, imageToScreen } from "../../../agent/geometry/frameMapping.js";
import { toLogicalPoint, toNativePoint } from "../../../agent/geometry/nativeSpace.js";
import type { FramePoint, ImagePoint, LogicalPoint, NativePoint } from "../../../agent/geometry/pixelSpace.js";
import { candidateToImage, candidateToScreen } from "../../../agent/grounding/mapCandidate.js";

const hidpi: Display = { id: "1", name: "right", x: 1920, y: 0, width: 1280, height: 800, scaleFactor: 2, primary: false };
const frame = { width: 1288, height: 812 };
const region = { x: 0, y: 0, width: 2560, height: 1600 };

// The brands are checked by the compiler: `npm run build` fails on an unused @ts-expect-error, so
// each line below fails the build the day its point would be taken in the wrong space.
test("a point of one pixel space is refused where another is asked for; the conversions give the right space", () => {
  const answered: FramePoint = { x: 644, y: 406 };
  const inImage: ImagePoint = frameToImage(answered, frame, region);
  const onScreen: LogicalPoint = imageToScreen(inImage, hidpi);
  const native: NativePoint = toNativePoint(hidpi, onScreen, "physical");

  // @ts-expect-error a frame point must go through frameToImage before imageToScreen
  imageToScreen(answered, hidpi);
  // @ts-expect-error an image point is not on the screen yet
  const clicked: LogicalPoint = inImage;
  // @ts-expect-error toNativePoint takes a logical point, not one already native
  toNativePoint(hidpi, native, "physical");
  // @ts-expect-error toLogicalPoint takes a native point
  toLogicalPoint([hidpi], onScreen, "physical");
  // @ts-expect-error an image-space candidate is not a frame-space one
  candidateToImage(candidateToImage({ point: answered, label: "Send" }, frame, region), frame, region);
  void clicked;

  assert.deepEqual(inImage, { x: 1280, y: 800 });
  assert.deepEqual(onScreen, { x: 2560, y: 400 });
  assert.deepEqual(native, { x: 5120, y: 800 });
  assert.deepEqual(toLogicalPoint([hidpi], native, "physical"), onScreen);
  const screen = candidateToScreen(candidateToImage({ point: answered, label: "Send" }, frame, region), hidpi);
  assert.deepEqual(screen.point, onScreen);
});
