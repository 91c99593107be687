import { DeskPilotError } from "../../errors/DeskPilotError.js";

/** The benchmark could not make its model files (disk full, llama-quantize missing or failed). */
export class BenchModelError extends DeskPilotError {
  constructor(message: string, options?: ErrorOptions) {
    super("BENCH_MODEL", message, options);
  }
}
