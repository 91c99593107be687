/**
 * GBNF building blocks shared by the model grammars (llama.cpp grammar syntax). Rule names are
 * [a-z0-9-] (llama.cpp's parser refuses "_"), and no rule refers to itself, so a test can inline a
 * grammar into one RegExp.
 */

/** A GBNF string literal for `text`, escaped. */
export function gbnfLiteral(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

/**
 * Any whole number of 1–5 digits, without leading zeros. Never a range: the Qwen2 tokenizer
 * writes digits one token at a time, so a range rule can only stop a number short ("195" for
 * 1950), never bring it back inside. Bounds are checked in code, after parsing (clampToFrame).
 */
export const GBNF_INTEGER = `"0" | [1-9] [0-9]{0,4}`;

/** One character inside a JSON string: anything but a quote, a backslash or a control character, or an escape. */
export const GBNF_JSON_CHAR = `[^"\\\\\\x00-\\x1f] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})`;

/**
 * The rule lines for a JSON string named `name` whose characters use the rule `${name}-char`.
 * Unbounded when `maxChars` is undefined: what will be typed is never cut short.
 */
export function gbnfJsonString(name: string, maxChars?: number): string[] {
  const reps = maxChars === undefined ? "*" : `{0,${maxChars}}`;
  return [`${name} ::= "\\"" ${name}-char${reps} "\\""`, `${name}-char ::= ${GBNF_JSON_CHAR}`];
}

/**
 * Optional JSON whitespace as models lay JSON out: one space, or one line break and an indent of
 * at most `indent` spaces or tabs. Never more: a free run of whitespace is where an unsure
 * (or random-weight) model spends its whole token budget.
 */
export function gbnfWhitespace(indent: number): string {
  return `" "? | "\\n" [ \\t]{0,${indent}}`;
}
