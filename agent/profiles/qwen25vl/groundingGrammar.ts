import { GBNF_INTEGER, gbnfJsonString, gbnfWhitespace } from "../../grammar/gbnfPrimitives.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import type { GroundMode } from "../GroundCandidate.js";

/** A label only ranks candidates: a longer one is cut here. Real ones run past 48 ("cupcake with white frosting and colorful sprinkles"). */
const MAX_LABEL_CHARS = 120;
/** Other string members a model adds to an element ("sub_label", "text_content"): admitted, then ignored by the parser. */
const MAX_EXTRA_MEMBERS = 3;

/**
 * GBNF for one grounding answer (llama.cpp grammar, start rule `root`) in the forms Qwen2.5-VL
 * writes (docs/design.md §4; the answers in test/fixtures/model-answers/): an object or a list of any
 * length, bare or in a json code fence, indented or not, the coordinates first, then an optional
 * label and other string members, a trailing comma allowed. Coordinates are any whole numbers: the
 * frame's bounds are enforced after parsing (clampToFrame), never digit by digit.
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
    `list ::= "[" nl element ("," nl element)* ","? nl "]"`,
    `element ::= "{" nl place ("," nl label)? ("," nl member){0,${MAX_EXTRA_MEMBERS}} ","? nl "}"`,
    `place ::= "\\"${key}\\":" " "? "[" ${coords} "]"`,
    `label ::= "\\"label\\":" " "? label-text`,
    `member ::= member-key ":" " "? label-text`,
    `sep ::= "," " "?`,
    `int ::= ${GBNF_INTEGER}`,
    ...gbnfJsonString("label-text", MAX_LABEL_CHARS),
    ...gbnfJsonString("member-key", 32),
    `nl ::= ${gbnfWhitespace(8)}`,
  ].join("\n");
}
