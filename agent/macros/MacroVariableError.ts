import { DeskPilotError } from "../errors/DeskPilotError.js";

/** A `{{name}}` with no value given and no default; nothing was played. */
export class MacroVariableError extends DeskPilotError {
  constructor(detail: string) {
    super("MACRO_VARIABLE", `${detail}. Give values with --var name=value; nothing was played.`);
  }
}
