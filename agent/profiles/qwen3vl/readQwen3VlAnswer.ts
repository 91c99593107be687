import { toolCallArguments } from "../qwen25vl/parseToolCall.js";
import { splitReasoning } from "./splitReasoning.js";

/** One answer of the Qwen3-VL family, taken apart: what the run record keeps, and the call's arguments. */
export interface Qwen3VlAnswer {
  /** A thinking variant's reasoning block (`<think>…</think>`, GUI-Owl's and MAI-UI's `<thinking>…</thinking>`), trimmed. */
  readonly reasoning?: string;
  /** The `Thought:` line's text. */
  readonly thought?: string;
  /** The `Action:` line's text: the step's one-line summary, which the next prompts' history repeats. */
  readonly summary?: string;
  /** The tool name the call used (`computer_use`, `mobile_use`, …), when it named one. */
  readonly tool?: string;
  /** The call's arguments as written (the model's own space and action names). */
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * Reads a Qwen3-VL-family answer: an optional reasoning block first (the thinking variants'
 * chat template opens `<think>` in the prompt, so often only `</think>` is in the answer), then
 * optional `Thought:` and `Action:` lines, then one `<tool_call>` (the first counts: one step is
 * one action). The reasoning is kept, never parsed: a tool call it mentions is not the answer.
 * Throws InvalidActionError when the reasoning was cut off or no tool call follows it.
 */
export function readQwen3VlAnswer(raw: string): Qwen3VlAnswer {
  const { reasoning, rest } = splitReasoning(raw);
  const head = rest.split("<tool_call>")[0]!;
  const thought = line(head, "Thought");
  const summary = line(head, "Action");
  const args = toolCallArguments(rest);
  const tool = toolName(rest);
  return { ...(reasoning ? { reasoning } : {}), ...(thought ? { thought } : {}), ...(summary ? { summary } : {}), ...(tool ? { tool } : {}), args };
}

/** The text after `Label:` at a line start, up to the next labelled line (a full-width colon too). */
function line(head: string, label: string): string | undefined {
  const m = new RegExp(`(?:^|\\n)[ \\t]*${label}[ \\t]*[:：][ \\t]*([\\s\\S]*?)(?=\\n[ \\t]*(?:Thought|Action)[ \\t]*[:：]|$)`).exec(head);
  const value = m?.[1]
    ?.trim()
    .replace(/^"([\s\S]*)"$/, "$1")
    .trim();
  return value ? value : undefined;
}

function toolName(rest: string): string | undefined {
  return /"name"\s*:\s*"([^"]+)"/.exec(rest.split("</tool_call>")[0]!)?.[1];
}
