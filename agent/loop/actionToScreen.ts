import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Display } from "../geometry/Display.js";
import { clampToFrame } from "../geometry/clampToFrame.js";
import { frameToImage, imageToScreen, type FrameSize } from "../geometry/frameMapping.js";
import type { Region } from "../geometry/shapes.js";

/**
 * Maps an action from model-frame pixels to global screen logical pixels (docs/design.md §3): frame →
 * the captured region's native pixels → display origin + native / scaleFactor. Only
 * `coordinate` changes; scroll `pixels` stay a wheel amount. A coordinate just past the frame's
 * edge lands on the edge pixel; one far outside throws OutOfFrameError (clampToFrame).
 */
export function actionToScreen(action: ComputerAction, frame: FrameSize, region: Region, display: Display): ComputerAction {
  if (!("coordinate" in action) || !action.coordinate) return action;
  const toScreen = ([fx, fy]: readonly [number, number]): [number, number] => {
    const at = clampToFrame({ x: fx, y: fy }, frame);
    // Pixel centres: frame pixel x covers [x, x+1), so its centre maps to the centre of the native
    // area; the far edge (x = w) is the last pixel.
    const x = Math.min(at.x, frame.width - 1);
    const y = Math.min(at.y, frame.height - 1);
    const image = frameToImage({ x: x + 0.5, y: y + 0.5 }, frame, region);
    const screen = imageToScreen({ x: Math.floor(image.x), y: Math.floor(image.y) }, display);
    return [round(screen.x), round(screen.y)];
  };
  const start = action.action === "left_click_drag" && action.start_coordinate ? { start_coordinate: toScreen(action.start_coordinate) } : {};
  return { ...action, coordinate: toScreen(action.coordinate), ...start };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
