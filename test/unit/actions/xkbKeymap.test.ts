import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { CHARACTER_SLOTS, characterKeysym, keymapRuns, modifierMask, namedKeymap, textKeymap, type XkbKeymap } from "../../../agent/actions/xkbKeymap.js";

// Keys applications read by keycode whatever their keysym: Chromium turns a key at Backspace's,
// Escape's, Tab's, Enter's, End's or Delete's code into that key (https://github.com/atx/wtype/issues/71).
const NEVER_FOR_TEXT = [14, 1, 15, 28, 107, 111];
/** Every named key that types no character on a PC keyboard: text must not use their codes either. */
const NON_PRINTING = [
  "Escape",
  "BackSpace",
  "Tab",
  "Return",
  "ctrl",
  "rctrl",
  "shift",
  "rshift",
  "alt",
  "altgr",
  "super",
  "Super_R",
  "CapsLock",
  "NumLock",
  "ScrollLock",
  "Print",
  "Pause",
  "Home",
  "End",
  "PageUp",
  "PageDown",
  "Up",
  "Down",
  "Left",
  "Right",
  "Insert",
  "Delete",
  "+", // the keypad's
  "*",
  ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
];

/** `n` distinct characters, most of them outside the BMP (two UTF-16 units each). */
function distinctCharacters(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String.fromCodePoint(i % 3 === 0 ? 0x4e00 + i : 0x1f300 + i));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("namedKeymap", () => {
  test("named keys are at their Linux evdev codes, modifiers with their real modifier", () => {
    const keymap = namedKeymap();
    const expected: Array<[string, number, string?]> = [
      ["ctrl", 29, "Control"],
      ["rctrl", 97, "Control"],
      ["shift", 42, "Shift"],
      ["alt", 56, "Mod1"],
      ["super", 125, "Mod4"],
      ["meta", 125, "Mod4"],
      ["cmd", 125, "Mod4"],
      ["Return", 28],
      ["enter", 28],
      ["Escape", 1],
      ["BackSpace", 14],
      ["Tab", 15],
      ["space", 57],
      ["a", 30],
      ["A", 30],
      ["q", 16],
      ["z", 44],
      ["1", 2],
      ["0", 11],
      ["F1", 59],
      ["F10", 68],
      ["F11", 87],
      ["F12", 88],
      ["F13", 183],
      ["F24", 194],
      ["Left", 105],
      ["End", 107],
      ["Delete", 111],
    ];
    for (const [name, code, modifier] of expected) {
      assert.deepEqual(keymap.named(name), modifier ? { code, modifier } : { code }, name);
    }
    for (const unknown of ["foo", "F25", "menu", ""]) assert.equal(keymap.named(unknown), undefined, unknown);
    assert.deepEqual(modifierMask, { Shift: 1, Lock: 2, Control: 4, Mod1: 8, Mod2: 16, Mod4: 64 });
  });

  test("is one keymap, so a driver sees it is already loaded", () => {
    assert.equal(namedKeymap(), namedKeymap());
    assert.equal(namedKeymap().characters.size, 0, "it types no text of its own");
  });
});

describe("textKeymap", () => {
  test("gives each character a key of its own on printable codes only", () => {
    const chars = distinctCharacters(CHARACTER_SLOTS);
    const keymap = textKeymap(chars);
    const forbidden = new Set([...NEVER_FOR_TEXT, ...NON_PRINTING.map((n) => namedKeymap().named(n)!.code)]);
    const codes = chars.map((ch) => keymap.character(ch));
    for (const key of codes) {
      assert.ok(key, "every character has a key");
      assert.equal(key.modifier, undefined, "no modifier is held to type a character");
      assert.ok(!forbidden.has(key.code), `code ${key.code} is not a printable key's`);
    }
    assert.equal(new Set(codes.map((k) => k!.code)).size, CHARACTER_SLOTS, "no two characters share a key");
    assert.deepEqual([...keymap.characters], chars);
    assert.equal(keymap.character("\u00e9"), undefined, "a character it was not made for has no key");
    assert.equal(keymap.named("ctrl"), undefined, "it has no named keys");
  });

  test("text keys are written with their keysyms, and a repeated character takes one key", () => {
    const keymap = textKeymap([..."héllo\n"]);
    assert.equal(keymap.characters.size, 5);
    assert.match(keymap.text, /\[ 0x000000e9 \]/);
    assert.match(keymap.text, /\[ 0x0000ff0d \]/);
    // left Shift, to prime a new keyboard with, is the one key beside the characters
    assert.deepEqual(
      [...keymap.text.matchAll(/modifier_map (\w+)/g)].map((m) => m[1]),
      ["Shift"],
    );
    assert.deepEqual(keymap.named("shift"), { code: 42, modifier: "Shift" });
  });

  test("refuses more characters than it has keys for", () => {
    assert.throws(() => textKeymap(distinctCharacters(CHARACTER_SLOTS + 1)), RangeError);
  });
});

describe("characterKeysym", () => {
  test("Latin-1 is its code point, everything else Unicode's keysym, line breaks and tab their keys", () => {
    assert.equal(characterKeysym("a"), 0x61);
    assert.equal(characterKeysym(" "), 0x20);
    assert.equal(characterKeysym("~"), 0x7e);
    assert.equal(characterKeysym("ü"), 0xfc);
    assert.equal(characterKeysym("\u00a0"), 0xa0);
    assert.equal(characterKeysym("Ł"), 0x01000141);
    assert.equal(characterKeysym("東"), 0x01006771);
    assert.equal(characterKeysym("😀"), 0x0101f600, "a code point beyond the BMP, not its surrogates");
    assert.equal(characterKeysym("\n"), 0xff0d);
    assert.equal(characterKeysym("\r"), 0xff0d);
    assert.equal(characterKeysym("\t"), 0xff09);
  });
});

describe("keymapRuns", () => {
  test("a short text is one run on one keymap", () => {
    const runs = keymapRuns("hello, wörld");
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.text, "hello, wörld");
    assert.deepEqual([...runs[0]!.keymap.characters].sort(), [..."helo, wörd"].sort());
  });

  test("many distinct characters are split into runs that each fit a keymap and add up to the text", () => {
    const chars = distinctCharacters(2 * CHARACTER_SLOTS + 5);
    // each character twice, the second time much later, so runs cannot simply be slices of the alphabet
    const text = [...chars, ...chars.slice().reverse()].join("");
    const runs = keymapRuns(text);
    assert.ok(runs.length > 2, `${runs.length} runs`);
    assert.equal(runs.map((r) => r.text).join(""), text);
    for (const run of runs) {
      const distinct = new Set(run.text); // by code point
      assert.ok(distinct.size <= CHARACTER_SLOTS, `${distinct.size} distinct characters in one run`);
      assert.doesNotMatch(run.text, LONE_SURROGATE, "a run never cuts a character in two");
      for (const ch of distinct) assert.ok(run.keymap.character(ch), `the run's keymap types ${ch}`);
    }
    for (let i = 1; i < runs.length; i++) assert.notEqual(runs[i]!.keymap, runs[i - 1]!.keymap, "a new run is a new keymap");
  });

  test("a text of exactly CHARACTER_SLOTS distinct characters, however long, is one run", () => {
    const chars = distinctCharacters(CHARACTER_SLOTS);
    const text = Array.from({ length: 20 }, () => chars.join("")).join("");
    assert.equal(keymapRuns(text).length, 1);
  });

  test("reuses the current keymap while it has the characters, and only then makes a new one", () => {
    const [first] = keymapRuns("abc");
    const current = first!.keymap;
    assert.deepEqual(
      keymapRuns("cabba", current).map((r) => [r.keymap, r.text]),
      [[current, "cabba"]],
    );
    const runs = keymapRuns("abzb", current);
    assert.deepEqual(
      runs.map((r) => r.text),
      ["ab", "zb"],
    );
    assert.equal(runs[0]!.keymap, current);
    assert.notEqual(runs[1]!.keymap, current);
    assert.ok(runs[1]!.keymap.character("z") && runs[1]!.keymap.character("b"));
    assert.deepEqual(keymapRuns("", current), []);
    // the named keymap types nothing, so text after a shortcut gets a keymap of its own
    const afterKeys = keymapRuns("abc", namedKeymap());
    assert.equal(afterKeys.length, 1);
    assert.notEqual(afterKeys[0]!.keymap, namedKeymap());
  });
});

/**
 * Compiles a keymap with this machine's libxkbcommon (what a compositor compiles it with), through
 * Python's ctypes: for each evdev code in `keys`, the keysym and character it gives with the
 * modifier keys in `holding` down, and the depressed-modifier mask each of `modifiers` sets.
 * Undefined where python3 or libxkbcommon is missing here.
 */
function compileWithXkbcommon(
  keymap: XkbKeymap,
  keys: readonly number[],
  modifiers: readonly number[] = [],
  holding: readonly number[] = [],
): { compiled: boolean; syms: Record<string, number>; utf32: Record<string, number>; masks: Record<string, number>; stderr: string } | undefined {
  const script = String.raw`
import ctypes, json, sys
try:
    lib = ctypes.CDLL("libxkbcommon.so.0")
except OSError:
    sys.exit(77)
vp, u32 = ctypes.c_void_p, ctypes.c_uint32
lib.xkb_context_new.restype = vp
lib.xkb_keymap_new_from_string.restype = vp
lib.xkb_keymap_new_from_string.argtypes = [vp, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
lib.xkb_state_new.restype = vp
lib.xkb_state_new.argtypes = [vp]
lib.xkb_state_update_key.argtypes = [vp, u32, ctypes.c_int]
lib.xkb_state_key_get_one_sym.restype = u32
lib.xkb_state_key_get_one_sym.argtypes = [vp, u32]
lib.xkb_state_key_get_utf32.restype = u32
lib.xkb_state_key_get_utf32.argtypes = [vp, u32]
lib.xkb_state_serialize_mods.restype = u32
lib.xkb_state_serialize_mods.argtypes = [vp, ctypes.c_int]
lib.xkb_state_unref.argtypes = [vp]
req = json.load(sys.stdin)
ctx = lib.xkb_context_new(0)
keymap = lib.xkb_keymap_new_from_string(ctx, req["text"].encode(), 1, 0)  # XKB_KEYMAP_FORMAT_TEXT_V1
out = {"compiled": bool(keymap), "syms": {}, "utf32": {}, "masks": {}}
if keymap:
    state = lib.xkb_state_new(keymap)
    for code in req["holding"]:
        lib.xkb_state_update_key(state, code + 8, 1)  # XKB_KEY_DOWN
    for code in req["keys"]:
        out["syms"][str(code)] = lib.xkb_state_key_get_one_sym(state, code + 8)
        out["utf32"][str(code)] = lib.xkb_state_key_get_utf32(state, code + 8)
    for code in req["modifiers"]:
        s = lib.xkb_state_new(keymap)
        lib.xkb_state_update_key(s, code + 8, 1)
        out["masks"][str(code)] = lib.xkb_state_serialize_mods(s, 1)  # XKB_STATE_MODS_DEPRESSED
        lib.xkb_state_unref(s)
print(json.dumps(out))
`;
  const result = spawnSync("python3", ["-c", script], { input: JSON.stringify({ text: keymap.text, keys, modifiers, holding }), encoding: "utf8" });
  if (result.error || result.status === 77) return undefined;
  assert.equal(result.status, 0, result.stderr);
  return { ...JSON.parse(result.stdout), stderr: result.stderr };
}

describe("keymaps compile with xkbcommon", () => {
  test("the named keymap: each key's symbol, Shift's second level, and the modifier masks the driver sends", (t) => {
    const keymap = namedKeymap();
    const code = (name: string) => keymap.named(name)!.code;
    const names = ["a", "z", "1", "Return", "Escape", "BackSpace", "Tab", "Left", "F1", "F12", "F13", "space", "-", "/", "+"];
    const plain = compileWithXkbcommon(keymap, names.map(code), ["ctrl", "rctrl", "shift", "rshift", "alt", "altgr", "super", "Super_R"].map(code));
    if (!plain) return t.skip("no python3 with libxkbcommon here");
    assert.ok(plain.compiled, plain.stderr);
    const syms = Object.fromEntries(names.map((n) => [n, plain.syms[code(n)]]));
    assert.deepEqual(syms, {
      a: 0x61,
      z: 0x7a,
      "1": 0x31,
      Return: 0xff0d,
      Escape: 0xff1b,
      BackSpace: 0xff08,
      Tab: 0xff09,
      Left: 0xff51,
      F1: 0xffbe,
      F12: 0xffc9,
      F13: 0xffca,
      space: 0x20,
      "-": 0x2d,
      "/": 0x2f,
      "+": 0xffab, // KP_Add
    });
    assert.deepEqual(plain.masks, {
      [code("ctrl")]: modifierMask.Control,
      [code("rctrl")]: modifierMask.Control,
      [code("shift")]: modifierMask.Shift,
      [code("rshift")]: modifierMask.Shift,
      [code("alt")]: modifierMask.Mod1,
      [code("altgr")]: modifierMask.Mod1,
      [code("super")]: modifierMask.Mod4,
      [code("Super_R")]: modifierMask.Mod4,
    });
    const shifted = compileWithXkbcommon(keymap, [code("a"), code("1"), code("/")], [], [code("shift")])!;
    assert.deepEqual(shifted.syms, { [code("a")]: 0x41, [code("1")]: 0x21, [code("/")]: 0x3f });
  });

  test("a text keymap types each character, Unicode beyond the BMP included", (t) => {
    const chars = [..."aZ ~éü\u00a0Łß東京😀👍\n\t"];
    const keymap = textKeymap(chars);
    const codes = chars.map((ch) => keymap.character(ch)!.code);
    const compiled = compileWithXkbcommon(keymap, codes);
    if (!compiled) return t.skip("no python3 with libxkbcommon here");
    assert.ok(compiled.compiled, compiled.stderr);
    for (const [i, ch] of chars.entries()) {
      assert.equal(compiled.syms[codes[i]!], characterKeysym(ch), `keysym of ${JSON.stringify(ch)}`);
      const typed = ch === "\n" ? "\r" : ch; // Return's character
      assert.equal(compiled.utf32[codes[i]!], typed.codePointAt(0), `character of ${JSON.stringify(ch)}`);
    }
  });

  test("a full text keymap compiles too", (t) => {
    const chars = distinctCharacters(CHARACTER_SLOTS);
    const keymap = textKeymap(chars);
    const codes = chars.map((ch) => keymap.character(ch)!.code);
    const compiled = compileWithXkbcommon(keymap, codes);
    if (!compiled) return t.skip("no python3 with libxkbcommon here");
    assert.ok(compiled.compiled, compiled.stderr);
    assert.deepEqual(
      codes.map((c) => compiled.utf32[c]),
      chars.map((ch) => ch.codePointAt(0)),
    );
  });
});
