import type { ComputerAction } from "../actions/ComputerAction.js";
import type { Display } from "../capture/Display.js";
import { frameToImage, imageToScreen, type FrameSize } from "../grounding/frameMapping.js";
import type { Region } from "../grounding/Grounder.js";

/**
 * Maps an action from model-frame pixels to global screen logical pixels (DESIGN §3): frame →
 * the captured region's native pixels → display origin + native / scaleFactor. Only
 * `coordinate` changes; scroll `pixels` stay a wheel amount.
 */
export function actionToScreen(action: ComputerAction, frame: FrameSize, region: Region, display: Display): ComputerAction {
  if (!("coordinate" in action) || !action.coordinate) return action;
  const toScreen = ([x, y]: readonly [number, number]): [number, number] => {
    // Pixel centres: frame pixel x covers [x, x+1), so its centre maps to the centre of the native area.
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
