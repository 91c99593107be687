// No "menu": libnut has no key code for it on X11 and throws mid-chord.
/**
 * Key names a model or a user may write (xdotool, pyautogui and browser spellings, as
 * Qwen2.5-VL's computer_use answers use them), mapped to nut-js Key enum names.
 */
const aliases: Record<string, string> = {
  ctrl: "LeftControl",
  control: "LeftControl",
  lctrl: "LeftControl",
  rctrl: "RightControl",
  shift: "LeftShift",
  lshift: "LeftShift",
  rshift: "RightShift",
  alt: "LeftAlt",
  lalt: "LeftAlt",
  ralt: "RightAlt",
  altgr: "RightAlt",
  option: "LeftAlt",
  super: "LeftSuper",
  win: "LeftSuper",
  windows: "LeftSuper",
  meta: "LeftMeta",
  cmd: "LeftCmd",
  command: "LeftCmd",
  // xdotool keysyms, which Linux-trained agents write
  control_l: "LeftControl",
  control_r: "RightControl",
  shift_l: "LeftShift",
  shift_r: "RightShift",
  alt_l: "LeftAlt",
  alt_r: "RightAlt",
  super_l: "LeftSuper",
  super_r: "RightSuper",
  meta_l: "LeftMeta",
  meta_r: "RightMeta",
  enter: "Enter",
  return: "Enter",
  kp_enter: "Enter",
  esc: "Escape",
  escape: "Escape",
  tab: "Tab",
  space: "Space",
  " ": "Space",
  backspace: "Backspace",
  bksp: "Backspace",
  delete: "Delete",
  del: "Delete",
  insert: "Insert",
  ins: "Insert",
  up: "Up",
  down: "Down",
  left: "Left",
  right: "Right",
  arrowup: "Up",
  arrowdown: "Down",
  arrowleft: "Left",
  arrowright: "Right",
  arrow_up: "Up",
  arrow_down: "Down",
  arrow_left: "Left",
  arrow_right: "Right",
  home: "Home",
  end: "End",
  pageup: "PageUp",
  page_up: "PageUp",
  pgup: "PageUp",
  prior: "PageUp",
  pagedown: "PageDown",
  page_down: "PageDown",
  pgdn: "PageDown",
  next: "PageDown",
  capslock: "CapsLock",
  caps_lock: "CapsLock",
  numlock: "NumLock",
  scrolllock: "ScrollLock",
  print: "Print",
  printscreen: "Print",
  prtsc: "Print",
  pause: "Pause",
  "-": "Minus",
  minus: "Minus",
  "=": "Equal",
  equal: "Equal",
  "[": "LeftBracket",
  "]": "RightBracket",
  "\\": "Backslash",
  ";": "Semicolon",
  "'": "Quote",
  ",": "Comma",
  ".": "Period",
  "/": "Slash",
  "`": "Grave",
  grave: "Grave",
  comma: "Comma",
  period: "Period",
  slash: "Slash",
  semicolon: "Semicolon",
  quote: "Quote",
  backslash: "Backslash",
  bracketleft: "LeftBracket",
  bracketright: "RightBracket",
  // The keypad's keys: the only "+" and "*" that need no Shift, so chords like ctrl++ stay chords.
  "+": "Add",
  plus: "Add",
  add: "Add",
  "*": "Multiply",
  multiply: "Multiply",
};

/** nut-js Key enum name for a key name, or undefined when the name is unknown. */
export function keyEnumName(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const alias = aliases[lower] ?? aliases[name];
  if (alias) return alias;
  if (/^[a-z]$/.test(lower)) return lower.toUpperCase();
  if (/^[0-9]$/.test(lower)) return `Num${lower}`;
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower)) return lower.toUpperCase();
  return undefined;
}

/**
 * Splits chords written as one string ("ctrl+c") into key names. A "+" that is a key
 * itself survives: "+" alone, "ctrl++", "ctrl+++shift".
 */
export function splitChord(keys: readonly string[]): string[] {
  return keys.flatMap((k) => {
    if (k.length <= 1 || !k.includes("+")) return [k];
    const parts: string[] = [];
    let current = "";
    for (const ch of k) {
      if (ch !== "+") current += ch;
      else if (current === "") parts.push("+");
      else {
        parts.push(current);
        current = "";
      }
    }
    if (current !== "") parts.push(current);
    return parts;
  });
}

/**
 * Splits a chord written with hyphens ("ctrl-c", "Ctrl-Shift-T") when every part is a key name;
 * anything else ("-" itself, "ctrl+-", "foo-bar") comes back whole.
 */
export function splitHyphenChord(key: string): string[] {
  if (key.length <= 1 || !key.includes("-")) return [key];
  const parts = key.split("-");
  return parts.every((p) => p !== "" && keyEnumName(p) !== undefined) ? parts : [key];
}
