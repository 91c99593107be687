import { InvalidActionError } from "../../errors/InvalidActionError.js";

/** One action call as UI-TARS writes it: `click(start_box='(10,20)')`, its thought, its arguments unescaped. */
export interface UiTarsCall {
  readonly thought: string;
  readonly name: string;
  readonly args: Readonly<Record<string, string>>;
}

/** Arguments that hold text to type or report: never taken when cut short. */
const TEXT_ARGS = new Set(["content", "text"]);

/** The `Action:` marker at the start of a line (a full-width colon too, which the model writes in Chinese contexts). */
const MARKER = /(?:^|\n)[ \t]*Action[ \t]*[:：][ \t]*/g;

/**
 * Reads the action out of a UI-TARS answer (`Thought: …\nAction: name(key='value', …)`), tolerant of
 * what real answers hold: the `Action:` marker mentioned inside the thought (the last marker at a
 * line start counts), a full-width colon, several actions separated by blank lines (the first is
 * taken: one step is one action), unescaped quotes inside a value, a missing final `)` or a place
 * missing its closing quote, and a bare call with no `Action:` at all. A text whose closing quote
 * never came (the answer was cut off) is refused: typing half a text is never right.
 */
export function readUiTarsCall(raw: string): UiTarsCall {
  const text = raw.replace(/\[EOS\]|<\|im_end\|>|<\|endoftext\|>/g, "").trim();
  const markers = [...text.matchAll(MARKER)];
  const last = markers.at(-1);
  let body: string;
  let thought = "";
  if (last) {
    body = text.slice(last.index + last[0].length);
    thought = thoughtOf(text.slice(0, last.index));
  } else if (/^[a-z_]+\s*\(/i.test(text)) {
    body = text;
  } else {
    throw new InvalidActionError(`no "Action:" line in the answer ${clip(raw)}; answer as "Thought: …" then "Action: click(start_box='(x,y)')"`);
  }
  const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(body.trimStart());
  if (!call) throw new InvalidActionError(`the Action line holds no call: ${clip(body)}`);
  const name = call[1]!.toLowerCase();
  const args = readArgs(body.trimStart().slice(call[0].length), name);
  return { thought, name, args };
}

function thoughtOf(head: string): string {
  const m = /(?:Thought|Action_Summary)[ \t]*[:：]\s*([\s\S]*)$/.exec(head);
  return (m ? m[1]! : head).trim();
}

/** `key='value', key2="value"` up to the call's `)`; values unescaped the way Python reads them. */
function readArgs(rest: string, name: string): Record<string, string> {
  const args: Record<string, string> = {};
  let i = 0;
  const skip = () => {
    while (i < rest.length && /[\s,]/.test(rest[i]!)) i++;
  };
  for (;;) {
    skip();
    if (i >= rest.length || rest[i] === ")") return args;
    const key = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(rest.slice(i));
    if (!key) throw new InvalidActionError(`${name}(…) has an argument that is not key='value': ${clip(rest.slice(i))}`);
    i += key[0].length;
    const quote = rest[i];
    if (quote !== "'" && quote !== '"') {
      // Unquoted (a bare number or name): up to the next comma or the call's end.
      const m = /^[^,)]*/.exec(rest.slice(i))!;
      args[key[1]!] = m[0].trim();
      i += m[0].length;
      continue;
    }
    const end = closingQuote(rest, i + 1, quote);
    if (end < 0) {
      // A place whose closing quote (and parenthesis) never came is still whole when its numbers are
      // (Doubao writes `click(point='<point>450 565</point>`); text cut short is never typed.
      const tail = rest.slice(i + 1).replace(/\)\s*$/, "");
      if (!TEXT_ARGS.has(key[1]!) && /\d\s*(?:<\/point>|<\/bbox>|\)|\]|<\|box_end\|>)\s*$/.test(tail)) {
        args[key[1]!] = tail;
        return args;
      }
      throw new InvalidActionError(
        `${name}(${key[1]}=…) is cut off before its closing quote (the answer ended early: raise the answer's token limit); nothing was done`,
      );
    }
    args[key[1]!] = unescape(rest.slice(i + 1, end));
    i = end + 1;
  }
}

/**
 * Where a quoted value ends: the first unescaped quote followed by the next argument or the call's
 * end. UI-TARS does not always escape quotes inside `type(content=…)`, so a quote followed by
 * anything else is taken as part of the value.
 */
function closingQuote(s: string, from: number, quote: string): number {
  let fallback = -1;
  for (let j = from; j < s.length; j++) {
    const ch = s[j]!;
    if (ch === "\\") {
      j++;
      continue;
    }
    if (ch !== quote) continue;
    const after = s.slice(j + 1);
    if (/^\s*\)/.test(after) || /^\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(after)) return j;
    if (/^\s*$/.test(after)) fallback = j; // the final `)` is missing, but the value is complete
  }
  return fallback;
}

function unescape(v: string): string {
  return v.replace(/\\(.)/gs, (_m, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c));
}

function clip(s: string): string {
  const t = s.trim();
  return JSON.stringify(t.length > 200 ? `${t.slice(0, 200)}…` : t);
}
