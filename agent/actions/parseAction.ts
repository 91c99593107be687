import { ComputerActionSchema, type ComputerAction } from "./ComputerAction.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";

/** Parses and validates a computer_use action from JSON text or an object. */
export function parseAction(input: string | unknown): ComputerAction {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new InvalidActionError(`not JSON (${(error as Error).message})`, { cause: error });
    }
  }
  // Accept the whole tool call too: {"name":"computer_use","arguments":{...}}.
  if (value && typeof value === "object" && "arguments" in value && (value as { name?: unknown }).name === "computer_use") {
    value = value.arguments;
    // OpenAI-compatible servers send the arguments as a JSON string.
    if (typeof value === "string") return parseAction(value);
  }
  const result = ComputerActionSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "action"}: ${i.message}`).join("; ");
    throw new InvalidActionError(issues);
  }
  return result.data;
}
