import { GBNF_INTEGER, gbnfJsonString, gbnfWhitespace } from "../grammar/gbnfPrimitives.js";
import type { FrameSize } from "./frameMapping.js";
import type { GroundMode } from "./Grounder.js";

/** At most this many elements in one answer: the first is the best match, a few more give the ranking a choice. */
const MAX_ELEMENTS = 3;
/** A label only ranks candidates: a longer one is cut here rather than spending the answer's tokens. */
const MAX_LABEL_CHARS = 48;

/**
 * GBNF for one grounding answer (llama.cpp grammar, start rule `root`) in the forms Qwen2.5-VL
 * writes (DESIGN §4): an object or a list of them, bare or in a json code fence, indented or not,
 * with `label` before or after the coordinates or left out. Coordinates are any whole numbers:
 * the frame's bounds are enforced after parsing (clampToFrame), never digit by digit.
 */
export function groundingGrammar(_frame: FrameSize, mode: GroundMode): string {
  const key = mode === "box" ? "bbox_2d" : "point_2d";
  const coords = mode === "box" ? "int sep int sep int sep int" : "int sep int";
  // Line breaks and indents only between an object's parts, as Qwen2.5-VL lays JSON out; inside
  // the coordinate array and around ":" one optional space. Each freedom costs a random-weight
  // model (the test suite's) tokens and llama.cpp grammar stacks, so there are no others.
  return [
    `root ::= fenced | body`,
    `fenced ::= "\`\`\`" "json"? "\\n" body nl "\`\`\`"`,
    `body ::= list | element`,
    `list ::= "[" nl element ("," nl element){0,${MAX_ELEMENTS - 1}} nl "]"`,
    `element ::= "{" nl (place ("," nl label)? | label "," nl place) nl "}"`,
    `place ::= "\\"${key}\\":" " "? "[" ${coords} "]"`,
    `label ::= "\\"label\\":" " "? label-text`,
    `sep ::= "," " "?`,
    `int ::= ${GBNF_INTEGER}`,
    ...gbnfJsonString("label-text", MAX_LABEL_CHARS),
    `nl ::= ${gbnfWhitespace(8)}`,
  ].join("\n");
}
