import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planTyping, type TypingStep } from "../../../agent/actions/planTyping.js";
import { parseXmodmap } from "../../../agent/platform/keyboardLayout.js";
import { repoRoot } from "../../support/repoRoot.js";

const chord = (char: string, ...keys: string[]): TypingStep => ({ kind: "chord", keys, char });
const paste = (text: string): TypingStep => ({ kind: "paste", text });

describe("planTyping", () => {
  test("Grüße, 東京! a+b={x} becomes exact chords and pasted runs", () => {
    assert.deepEqual(planTyping("Grüße, 東京! a+b={x}"), [
      chord("G", "shift", "g"),
      chord("r", "r"),
      paste("üß"),
      chord("e", "e"),
      chord(",", ","),
      chord(" ", "space"),
      paste("東京"),
      chord("!", "shift", "1"),
      chord(" ", "space"),
      chord("a", "a"),
      chord("+", "shift", "="),
      chord("b", "b"),
      chord("=", "="),
      chord("{", "shift", "["),
      chord("x", "x"),
      chord("}", "shift", "]"),
    ]);
  });

  test("every character nut-js types without Shift gets Shift and its US key", () => {
    // The US layout, read off a keyboard: the shifted character and the key that carries it.
    const usShift: [string, string][] = [
      ["!", "1"],
      ['"', "'"],
      ["#", "3"],
      ["$", "4"],
      ["%", "5"],
      ["&", "7"],
      ["*", "8"],
      ["+", "="],
      [":", ";"],
      [">", "."],
      ["?", "/"],
      ["@", "2"],
      ["^", "6"],
      ["_", "-"],
      ["{", "["],
      ["}", "]"],
      ["~", "`"],
    ];
    assert.equal(usShift.map(([c]) => c).join(""), '!"#$%&*+:>?@^_{}~');
    for (const [char, key] of usShift) {
      assert.deepEqual(planTyping(char), [chord(char, "shift", key)], `typing ${JSON.stringify(char)}`);
    }
  });

  test("the other shifted US characters too", () => {
    const rest: [string, string][] = [
      ["(", "9"],
      [")", "0"],
      ["|", "\\"],
      ["<", ","],
    ];
    for (const [char, key] of rest) assert.deepEqual(planTyping(char), [chord(char, "shift", key)]);
  });

  test("unshifted punctuation, digits and lower case are single keys", () => {
    for (const char of "az09-=[]\\;',./`") assert.deepEqual(planTyping(char), [chord(char, char)]);
  });

  test("capitals are Shift plus the lower-case key", () => {
    assert.deepEqual(planTyping("AZ"), [chord("A", "shift", "a"), chord("Z", "shift", "z")]);
  });

  test("newline is Enter, tab is Tab, and a CR before LF adds nothing", () => {
    assert.deepEqual(planTyping("a\r\nb\tc"), [chord("a", "a"), chord("\n", "enter"), chord("b", "b"), chord("\t", "tab"), chord("c", "c")]);
  });

  test("non-ASCII runs are pasted whole, surrogate pairs intact, and split by ASCII", () => {
    assert.deepEqual(planTyping("👍🏽é x ñ"), [paste("👍🏽é"), chord(" ", "space"), chord("x", "x"), chord(" ", "space"), paste("ñ")]);
  });

  test("a no-break space is pasted, not typed as a plain space", () => {
    assert.deepEqual(planTyping("\u00a0"), [paste("\u00a0")]);
  });

  test("empty text plans nothing", () => {
    assert.deepEqual(planTyping(""), []);
  });

  test("on a German layout each character is typed by the key that types it there, and the rest pasted", () => {
    const de = parseXmodmap(readFileSync(join(repoRoot, "test", "unit", "macros", "fixtures", "xmodmap-de.txt"), "utf8"));
    assert.deepEqual(planTyping("Zy-/§#?ü", de), [
      chord("Z", "shift", "z"),
      chord("y", "y"),
      chord("-", "-"), // the key a US keyboard calls "/": the input driver presses it by its symbol
      chord("/", "shift", "7"),
      chord("§", "shift", "3"),
      // "#" and "?" come from keys with no US name (German "#" and "ß"); Shift+3 would type "§".
      paste("#?ü"),
    ]);
  });
});
