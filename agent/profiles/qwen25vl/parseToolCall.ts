import type { ComputerAction } from "../../actions/ComputerAction.js";
import { keyEnumName, splitChord, splitHyphenChord } from "../../actions/keyNames.js";
import { parseAction } from "../../actions/parseAction.js";
import { InvalidActionError } from "../../errors/InvalidActionError.js";
import { findJsonValues } from "../../grammar/findJsonValues.js";

const FIELDS: Record<string, readonly string[]> = {
  key: ["keys"],
  type: ["text"],
  mouse_move: ["coordinate"],
  left_click: ["coordinate"],
  left_click_drag: ["coordinate"],
  right_click: ["coordinate"],
  middle_click: ["coordinate"],
  double_click: ["coordinate"],
  scroll: ["pixels", "coordinate"],
  wait: ["time"],
  terminate: ["status"],
};
const ALIASES: Record<string, string> = {
  click: "left_click",
  press: "key",
  hotkey: "key",
  key_press: "key",
  type_text: "type",
  move: "mouse_move",
  drag: "left_click_drag",
  doubleclick: "double_click",
  rightclick: "right_click",
  done: "terminate",
  finish: "terminate",
};

/**
 * One computer_use action from a model's answer, coordinates still in the model frame. Tolerant
 * of what remote and unconstrained models send: prose or code fences around the call, a missing
 * `<tool_call>` tag, arguments as a JSON string, coordinates as "x,y" or {x,y}, keys in any case
 * and as chords ("ctrl+a", "Ctrl-Shift-T", split here), extra fields, action aliases. The local
 * grammar admits these forms too, so this is where they are normalised. Throws InvalidActionError
 * when nothing usable is there, or when a key name is one executeAction would not know.
 */
export function parseToolCall(answer: string): ComputerAction {
  return toolCallToAction(toolCallArguments(answer));
}

/**
 * The arguments of the first tool call in `answer` that names an action, as the model wrote them
 * (any tool name: Qwen3-VL's `mobile_use` too). Throws InvalidActionError as parseToolCall does.
 */
export function toolCallArguments(answer: string): Record<string, unknown> {
  const tagged = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/.exec(answer);
  const values = findJsonValues(tagged ? tagged[1]! : answer);
  const call = values.map(argumentsOf).find((v) => v !== undefined);
  if (!call) {
    // An opened call without its end is an answer cut at the token limit (long text): say so, never act on part of it.
    const cut = tagged && !answer.includes("</tool_call>") && /"action"/.test(tagged[1]!);
    throw new InvalidActionError(
      cut
        ? `the tool call was cut off before its end (${answer.length} characters): the answer ran out of tokens; type long text in several parts`
        : `no computer_use tool call in the answer ${JSON.stringify(answer.slice(0, 200))}`,
    );
  }
  return call;
}

/** Tool-call arguments in Qwen2.5-VL's action set → one ComputerAction, normalised as parseToolCall describes. */
export function toolCallToAction(args: Record<string, unknown>): ComputerAction {
  return parseAction(normalise(args));
}

function argumentsOf(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return value.map(argumentsOf).find((v) => v !== undefined);
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  let args: unknown = "arguments" in v ? v["arguments"] : v;
  if (typeof args === "string") {
    try {
      args = JSON.parse(args);
    } catch {
      return undefined;
    }
  }
  return args && typeof args === "object" && "action" in args ? args : undefined;
}

function normalise(args: Record<string, unknown>): Record<string, unknown> {
  const raw = String(args["action"]).trim().toLowerCase();
  const action = ALIASES[raw] ?? raw;
  const out: Record<string, unknown> = { action };
  for (const field of FIELDS[action] ?? Object.keys(args).filter((k) => k !== "action")) {
    if (args[field] === undefined || args[field] === null) continue;
    out[field] = field === "coordinate" ? coordinate(args[field]) : field === "keys" ? keys(args[field]) : numeric(field, args[field]);
  }
  return out;
}

function coordinate(v: unknown): unknown {
  if (typeof v === "string")
    return v
      .replace(/[[\]()\s]/g, "")
      .split(",")
      .map(Number);
  if (v && typeof v === "object" && !Array.isArray(v) && "x" in v && "y" in v) return [Number((v as { x: unknown }).x), Number((v as { y: unknown }).y)];
  return Array.isArray(v) ? v.map((n) => (typeof n === "string" ? Number(n) : n)) : v;
}

function keys(v: unknown): unknown {
  const list = typeof v === "string" ? [v] : v;
  if (!Array.isArray(list) || !list.every((k): k is string => typeof k === "string")) return list; // the schema says what is wrong
  const names = splitChord(list.map((k) => (k.trim() === "" ? k : k.trim()))).flatMap(splitHyphenChord);
  const unknown = names.filter((k) => keyEnumName(k) === undefined);
  if (unknown.length > 0) {
    throw new InvalidActionError(
      `unknown key ${unknown.map((k) => JSON.stringify(k)).join(", ")}; name keys like "ctrl", "Return", "Page_Down", "BackSpace", "F5" or one character, chords as "ctrl+c"`,
    );
  }
  return names;
}

function numeric(field: string, v: unknown): unknown {
  return (field === "pixels" || field === "time") && typeof v === "string" && v.trim() !== "" ? Number(v) : v;
}
