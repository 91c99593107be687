import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The model's answer named no usable place; `raw` keeps its text for the user to read. */
export class GroundingAnswerError extends DeskPilotError {
  constructor(
    code: "GROUNDING_UNPARSEABLE" | "GROUNDING_OUT_OF_FRAME",
    message: string,
    readonly raw: string,
  ) {
    super(code, message);
  }

  override toJSON(): { code: string; message: string; raw: string } {
    return { code: this.code, message: this.message, raw: this.raw };
  }
}
