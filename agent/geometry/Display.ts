import type { LogicalPoint } from "./pixelSpace.js";

/** A point in global screen logical pixels (what the input driver takes). */
export type Point = LogicalPoint;

/** A rectangle; its space is stated by whoever hands it out. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * One monitor. Origin and size are in global screen logical pixels; the monitor's
 * native (physical) pixels are the logical size times `scaleFactor`.
 */
export interface Display {
  readonly id: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly scaleFactor: number;
  readonly primary: boolean;
}

/** Size of the display in native pixels, as a capture of it comes out. */
export function physicalSize(display: Display): { width: number; height: number } {
  return {
    width: Math.round(display.width * display.scaleFactor),
    height: Math.round(display.height * display.scaleFactor),
  };
}

/** The display whose logical area holds `point`, or undefined when it is off every screen. */
export function displayAt(displays: readonly Display[], point: Point): Display | undefined {
  return displays.find((d) => point.x >= d.x && point.x < d.x + d.width && point.y >= d.y && point.y < d.y + d.height);
}

/** A short human description of the screen layout, for error messages. */
export function describeDisplays(displays: readonly Display[]): string {
  if (displays.length === 0) return "no displays";
  return displays.map((d) => `${d.id}: ${d.width}x${d.height}+${d.x}+${d.y}${d.scaleFactor !== 1 ? ` @${d.scaleFactor}x` : ""}`).join("; ");
}
