/**
 * How many tokens the engine's context must hold, shared by the settings check, the automatic
 * context size and the agent's kept conversation (StepConversation), so the window the README
 * promises is the window the engine is sized for.
 */

/** Screenshots the agent keeps in view: the current one and the two before it. */
export const WINDOW_SCREENSHOTS = 3;

/** Room for one turn's text (result line, step line) and the previous answer, in tokens. */
export const TURN_TEXT_TOKENS = 160;

/** The computer-use system prompt (~850 tokens with the tool JSON) and the task, generously. */
export const PROMPT_TEXT_TOKENS = 1200;

/** The decider's answer (ModelDecider's default maxTokens). */
export const ANSWER_TOKENS = 320;

/**
 * A one-off request beside the conversation (the policy's on-screen text check: a screen at up
 * to 1024 image tokens, its prompt and answer). The engine shares one pool of cells between the
 * two, and forgets the conversation when a one-off request does not fit beside it.
 */
export const ONE_OFF_TOKENS = 1024 + 300;

/** The automatic context size never goes past this (f16 KV: 1.1 GiB for the 3B, 1.75 GiB for the 7B). */
export const MAX_AUTO_CONTEXT = 32768;

/** A context size as the settings and flags give it: tokens, or "auto" (sized from the image-token maximum). */
export type ContextSizeSetting = number | "auto";

/** Tokens for a conversation that keeps `screenshots` frames of `maxImageTokens`, with room for a one-off request. */
export function contextFor(maxImageTokens: number, screenshots: number): number {
  return PROMPT_TEXT_TOKENS + screenshots * (maxImageTokens + TURN_TEXT_TOKENS) + ANSWER_TOKENS + ONE_OFF_TOKENS;
}

/** The least context one agent step needs: the prompt, one screenshot at the largest frame, and the answer. */
export function minContextSize(maxImageTokens: number): number {
  return PROMPT_TEXT_TOKENS + maxImageTokens + TURN_TEXT_TOKENS + ANSWER_TOKENS;
}

/**
 * The automatic context size: the whole window of WINDOW_SCREENSHOTS at the largest frame, or as
 * many screenshots as fit under MAX_AUTO_CONTEXT (at least one), rounded up to a multiple of 1024.
 * At the default 4096 image tokens that is 16384 tokens.
 */
export function autoContextSize(maxImageTokens: number): number {
  let screenshots = WINDOW_SCREENSHOTS;
  while (screenshots > 1 && contextFor(maxImageTokens, screenshots) > MAX_AUTO_CONTEXT) screenshots--;
  return Math.ceil(contextFor(maxImageTokens, screenshots) / 1024) * 1024;
}

/** The context size a setting or flag stands for. */
export function resolveContextSize(setting: ContextSizeSetting | undefined, maxImageTokens: number): number {
  return setting === undefined || setting === "auto" ? autoContextSize(maxImageTokens) : setting;
}

/** Bytes of f16 K and V per context token for a model's text dimensions (llama.cpp's default KV type). */
export function kvBytesPerToken(dims: { layers: number; kvHeads: number; headDim: number }): number {
  return 2 * dims.layers * dims.kvHeads * dims.headDim * 2;
}
