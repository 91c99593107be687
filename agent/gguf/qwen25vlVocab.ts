import { readGguf } from "./readGguf.js";

/** GGUF token types (llama.h `llama_token_type`). */
const NORMAL = 1,
  CONTROL = 3,
  USER_DEFINED = 4;

// Qwen2.5-VL's added tokens at their real ids; the bundle's Qwen2 vocab has [PAD…] there.
// <tool_call> tags stay USER_DEFINED (plain text the model writes); llama.cpp forces the
// <|fim_*|>-style names to CONTROL anyway, so they are written that way.
const QWEN25VL_ADDED: ReadonlyArray<readonly [number, string, number]> = [
  [151646, "<|object_ref_start|>", CONTROL],
  [151647, "<|object_ref_end|>", CONTROL],
  [151648, "<|box_start|>", CONTROL],
  [151649, "<|box_end|>", CONTROL],
  [151650, "<|quad_start|>", CONTROL],
  [151651, "<|quad_end|>", CONTROL],
  [151652, "<|vision_start|>", CONTROL],
  [151653, "<|vision_end|>", CONTROL],
  [151654, "<|vision_pad|>", CONTROL],
  [151655, "<|image_pad|>", CONTROL],
  [151656, "<|video_pad|>", CONTROL],
  [151657, "<tool_call>", USER_DEFINED],
  [151658, "</tool_call>", USER_DEFINED],
  [151659, "<|fim_prefix|>", CONTROL],
  [151660, "<|fim_middle|>", CONTROL],
  [151661, "<|fim_suffix|>", CONTROL],
  [151662, "<|fim_pad|>", CONTROL],
  [151663, "<|repo_name|>", CONTROL],
  [151664, "<|file_sep|>", CONTROL],
];

/** Qwen2.5-VL-Instruct's chat template (chat_template.json), which llama.cpp detects as ChatML. */
export const QWEN25VL_CHAT_TEMPLATE =
  "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}{% for message in messages %}{% if loop.first and message['role'] != 'system' %}<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n{% endif %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}<|im_end|>\n{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' or 'image' in content or 'image_url' in content %}{% set image_count.value = image_count.value + 1 %}{% if add_vision_id %}Picture {{ image_count.value }}: {% endif %}<|vision_start|><|image_pad|><|vision_end|>{% elif content['type'] == 'video' or 'video' in content %}{% set video_count.value = video_count.value + 1 %}{% if add_vision_id %}Video {{ video_count.value }}: {% endif %}<|vision_start|><|video_pad|><|vision_end|>{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

/** The tokenizer a Qwen2.5-VL GGUF carries. */
export interface Qwen25VlVocab {
  readonly tokens: string[];
  readonly tokenTypes: number[];
  readonly merges: string[];
}

// Qwen3's text models (Qwen3-VL's among them) add these after Qwen2.5-VL's; none is special
// (tokenizer_config.json: "special": false), so they stay USER_DEFINED text, like <tool_call>.
const QWEN3_ADDED: ReadonlyArray<readonly [number, string, number]> = [
  [151665, "<tool_response>", USER_DEFINED],
  [151666, "</tool_response>", USER_DEFINED],
  [151667, "<think>", USER_DEFINED],
  [151668, "</think>", USER_DEFINED],
];

/** Qwen3-VL's tokenizer: Qwen2.5-VL's plus Qwen3's tool-response and thinking tags at their real ids. */
export function qwen3vlVocab(vocabGgufPath: string): Qwen25VlVocab {
  return qwen25vlVocab(vocabGgufPath, QWEN3_ADDED);
}

/** Reads the real Qwen2 BPE vocab and patches in Qwen2.5-VL's special tokens (and `more`, for later families). */
export function qwen25vlVocab(vocabGgufPath: string, more: ReadonlyArray<readonly [number, string, number]> = []): Qwen25VlVocab {
  const meta = readGguf(vocabGgufPath).metadata;
  const tokens = [...(meta.get("tokenizer.ggml.tokens") as string[])];
  const tokenTypes = [...(meta.get("tokenizer.ggml.token_type") as number[])];
  const merges = meta.get("tokenizer.ggml.merges") as string[];
  if (meta.get("tokenizer.ggml.pre") !== "qwen2" || tokens.length <= Math.max(151664, ...more.map(([id]) => id)) || !merges?.length) {
    throw new Error(`${vocabGgufPath} is not llama.cpp's Qwen2 vocab file`);
  }
  for (const [id, text, type] of [...QWEN25VL_ADDED, ...more]) {
    tokens[id] = text;
    tokenTypes[id] = type;
  }
  for (let id = 0; id < tokenTypes.length; id++) if (tokenTypes[id] === 0) tokenTypes[id] = NORMAL;
  return { tokens, tokenTypes, merges };
}
