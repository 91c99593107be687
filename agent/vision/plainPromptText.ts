import { IMAGE_MARKER } from "./VisionModel.js";

/** Qwen2-family control-token texts: `<|im_start|>`, `<|im_end|>`, `<|vision_start|>`, `<|box_start|>`, … */
const CONTROL_TEXT = /<(\|[a-z_]+\|>)/g;
const BREAK = "\u200b";

/**
 * Text from outside the prompt's own template (the user's task or query, an observation, the
 * model's earlier answer, anything read off the screen) made safe to put in a message: the
 * media marker is how a caller places an image in a message, so one inside such text would
 * count as an image (and shift every image after it); and a control token's text would be read
 * as that token by a server that tokenises the whole templated prompt with special parsing on
 * (llama-server, vLLM), ending the user's turn and opening a forged one. A zero-width space after
 * the `<` breaks both and leaves the text reading the same. (The local engine tokenises message
 * text with special parsing off anyway; the marker it still has to honour.) `keep` names control
 * texts that stay as they are: a model's own answer may carry the tokens it was trained to write.
 */
export function plainPromptText(text: string, keep: readonly string[] = []): string {
  return text
    .split(IMAGE_MARKER)
    .join(`<${BREAK}${IMAGE_MARKER.slice(1)}`)
    .replace(CONTROL_TEXT, (whole, rest: string) => (keep.includes(whole) ? whole : `<${BREAK}${rest}`));
}
