import type { Display } from "../../agent/geometry/Display.js";

/** Builds a display with defaults for what a test does not care about. */
export function display(fields: Partial<Display> & Pick<Display, "x" | "y" | "width" | "height">): Display {
  return { id: "0", name: "test", scaleFactor: 1, primary: false, ...fields };
}

/** One 1920×1080 monitor at the origin. */
export const singleHd: readonly Display[] = [display({ id: "1", name: "HD", x: 0, y: 0, width: 1920, height: 1080, primary: true })];

/**
 * Two side-by-side HiDPI monitors (scale 2), the second at a non-zero origin and shorter:
 * logical 1280×720 at (0,0) and 1024×600 at (1280,0); native 2560×1440 and 2048×1200.
 */
export const dualHidpi: readonly Display[] = [
  display({ id: "left", name: "DP-1", x: 0, y: 0, width: 1280, height: 720, scaleFactor: 2, primary: true }),
  display({ id: "right", name: "DP-2", x: 1280, y: 0, width: 1024, height: 600, scaleFactor: 2 }),
];
