import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { Point } from "./Display.js";

/** A coordinate lies outside every display: DeskPilot never acts there. */
export class OffScreenError extends DeskPilotError {
  readonly point: Point;

  constructor(point: Point, screens: string) {
    super(
      "OFF_SCREEN",
      `Coordinate (${point.x}, ${point.y}) is outside every display (${screens}); no input was sent. ` +
        "Coordinates are global screen logical pixels: the display's origin plus an offset within its logical size.",
    );
    this.point = point;
  }
}
