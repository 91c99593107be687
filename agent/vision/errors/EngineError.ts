import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** A failure inside the engine that left it running (bad grammar, context too small, llama.cpp error). */
export class EngineError extends DeskPilotError {
  /** The addon's own code (INVALID_REQUEST, CONTEXT_TOO_SMALL, LOAD_FAILED, ENGINE_ERROR, …). */
  readonly engineCode: string;

  constructor(engineCode: string, message: string, options?: ErrorOptions) {
    super(engineCode === "LOAD_FAILED" ? "MODEL_LOAD_FAILED" : "ENGINE_ERROR", message, options);
    this.engineCode = engineCode;
  }
}
