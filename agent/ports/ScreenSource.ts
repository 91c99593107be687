import type { Capture } from "./Capture.js";
import type { Display } from "../geometry/Display.js";

/** The agent's eyes: lists displays and captures them at native resolution. */
export interface ScreenSource {
  /** Short name used in `--source` and benchmark tables. */
  readonly name: string;
  /** Displays as they are now, origin and size in global logical pixels. */
  listDisplays(): Promise<Display[]>;
  /** Captures one display (the primary when `displayId` is omitted). */
  capture(displayId?: string): Promise<Capture>;
  /** Captures every display, in the order `listDisplays` gives. */
  captureAll(): Promise<Capture[]>;
}
