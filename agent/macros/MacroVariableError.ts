import { DeskPilotError } from "../errors/DeskPilotError.js";

/** A `{{name}}` with no value given and no default; nothing was played. */
export class MacroVariableError extends DeskPilotError {
  constructor(detail: string, hint = "give each variable a value (the panel's variables form, or --var name=value)") {
    super("MACRO_VARIABLE", `${detail}: ${hint}; nothing was played.`);
  }
}
