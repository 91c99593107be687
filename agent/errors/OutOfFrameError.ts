import { DeskPilotError } from "./DeskPilotError.js";

/** A model answered a point too far outside the image it saw to be a near miss at its edge; nothing was done. */
export class OutOfFrameError extends DeskPilotError {
  constructor(x: number, y: number, frame: { width: number; height: number }, tolerance: number) {
    super(
      "OUT_OF_FRAME",
      `The model answered (${x}, ${y}), more than ${tolerance} px outside the ${frame.width}x${frame.height} image it saw; no input was sent. ` +
        "Answer in pixels of that image. A model that answers 0–1000 coordinates (Qwen2-VL, Qwen3-VL, UI-TARS-1.0) or a server that resizes images itself gives such points.",
    );
  }
}
