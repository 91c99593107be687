/** Every top-level JSON object or array embedded in `text` (code fences, prose around it), in order. */
export function findJsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== "{" && c !== "[") {
      i++;
      continue;
    }
    const end = matchingClose(text, i);
    const parsed = end < 0 ? undefined : parseLenient(text.slice(i, end + 1));
    if (parsed === undefined) {
      i++; // unbalanced or not JSON (e.g. a truncated list): try what is nested inside
      continue;
    }
    values.push(parsed);
    i = end + 1;
  }
  return values;
}

/** Index of the bracket closing the one at `start`, honouring strings; -1 when it never closes. */
function matchingClose(text: string, start: number): number {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") stack.push(c === "{" ? "}" : "]");
    else if (c === "}" || c === "]") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** JSON.parse, then once more after the slips models make: single quotes and trailing commas. */
function parseLenient(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    try {
      return JSON.parse(s.replace(/'/g, '"').replace(/,\s*([}\]])/g, "$1"));
    } catch {
      return undefined;
    }
  }
}
