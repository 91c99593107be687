import { computerUseTool, toolsBlock } from "../profiles/qwen25vl/computerUsePrompt.js";
import { parseToolCall } from "../profiles/qwen25vl/parseToolCall.js";
import { toolCallGrammar } from "../profiles/qwen25vl/toolCallGrammar.js";
import { plainPromptText } from "../vision/plainPromptText.js";
import type { ChatMessage } from "../vision/VisionModel.js";
import { GroundingAnswerError } from "../profiles/errors/GroundingAnswerError.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import { inFrame, type ParsedAnswer } from "../profiles/qwen25vl/parseGroundingAnswer.js";

/**
 * The ScreenSpot evaluator's Qwen2.5-VL request: Qwen's default system sentence and the
 * computer_use tools block for the frame (no safety rule: nothing is acted on), then the
 * instruction alone as the user's text; the engine puts the image before it, as the evaluator does.
 */
export function toolCallGroundingMessages(query: string, frame: FrameSize): ChatMessage[] {
  return [
    { role: "system", content: `You are a helpful assistant.\n\n${toolsBlock([computerUseTool(frame)])}` },
    { role: "user", content: plainPromptText(query.trim()) },
  ];
}

/**
 * The tool-call grammar narrowed to a `left_click` with a coordinate: the evaluator forces the
 * same prefix (`<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [`).
 */
export function toolCallGroundingGrammar(frame: FrameSize): string {
  return toolCallGrammar(frame, undefined, ["left-click"]);
}

/** The answer's point, read with the agent's tool-call parser; an answer with no coordinate names no place. */
export function parseToolCallGroundingAnswer(raw: string, frame: FrameSize, query: string): ParsedAnswer {
  let action;
  try {
    action = parseToolCall(raw);
  } catch (error) {
    throw new GroundingAnswerError(
      "GROUNDING_UNPARSEABLE",
      `the model's answer is no usable tool call: ${(error as Error).message}. Rephrase the query, or try --grounding-prompt json.`,
      raw,
    );
  }
  const coordinate = "coordinate" in action ? action.coordinate : undefined;
  if (!coordinate)
    throw new GroundingAnswerError(
      "GROUNDING_UNPARSEABLE",
      `the model answered ${action.action} with no coordinate: ${JSON.stringify(raw.slice(0, 200))}. Rephrase the query.`,
      raw,
    );
  const [x, y] = coordinate;
  const best = { point: { x, y }, label: query };
  if (!inFrame(best, frame)) {
    throw new GroundingAnswerError(
      "GROUNDING_OUT_OF_FRAME",
      `the model clicked (${x}, ${y}), outside its ${frame.width}x${frame.height} frame. A model that answers 0–1000 coordinates is not supported, and a remote server must not resize the image itself.`,
      raw,
    );
  }
  return { best, others: [] };
}
