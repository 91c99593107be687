import { test } from "node:test";
import assert from "node:assert/strict";
import { parseVarFlags, placeholders, resolveVariables, substitute } from "../../../agent/macros/substituteVariables.js";
import { parseMacro } from "../../../agent/macros/parseMacro.js";
import { sampleMacro } from "./support/sampleMacro.js";

test("values substitute exactly, Unicode included, and are never re-scanned", () => {
  const values = { name: "Zoë 東京 👩‍💻", city: "{{name}} $& $1", e: "e\u0301" };
  assert.equal(substitute("Hi {{name}}, {{ city }}!", values), "Hi Zoë 東京 👩‍💻, {{name}} $& $1!");
  // Combining sequences stay as given: no NFC normalisation turns e+◌́ into é.
  assert.equal(substitute("{{e}}", values), "e\u0301");
  assert.notEqual(substitute("{{e}}", values), "é");
  assert.equal(substitute("no placeholders {{ }} {x}", values), "no placeholders {{ }} {x}");
  assert.deepEqual(placeholders("{{a}} {{b}} {{a}}"), ["a", "b"]);
});

test("given values win over defaults; missing and unknown variables are errors before anything plays", () => {
  const macro = parseMacro(JSON.stringify(sampleMacro()));
  assert.deepEqual(resolveVariables(macro, { city: "Zürich" }), { name: "Ada", city: "Zürich" });
  assert.deepEqual(resolveVariables(macro, { city: "", name: "Łukasz" }), { name: "Łukasz", city: "" });
  assert.throws(() => resolveVariables(macro, {}), { code: "MACRO_VARIABLE", message: /"city" has no value/ });
  assert.throws(() => resolveVariables(macro, { city: "x", nope: "1" }), { code: "MACRO_VARIABLE", message: /no variable "nope"/ });
});

test("--var name=value keeps everything after the first =, spaces and Unicode included", () => {
  assert.deepEqual(parseVarFlags(["a=b=c", "city= São Paulo ", "empty="]), { a: "b=c", city: " São Paulo ", empty: "" });
  assert.throws(() => parseVarFlags(["=x"]), { code: "BAD_USAGE" });
  assert.throws(() => parseVarFlags(["novalue"]), { code: "BAD_USAGE" });
});

test("names Object inherits (constructor, toString, __proto__) have a value only when the macro or the user gives one", () => {
  const macro = parseMacro(JSON.stringify({ ...sampleMacro(), variables: {}, steps: [{ kind: "type", text: "a{{constructor}}b{{toString}}c{{__proto__}}" }] }));
  // Without values this is an error before anything plays, not "function Object() { [native code] }" typed into the app.
  assert.throws(() => resolveVariables(macro, {}), { code: "MACRO_VARIABLE", message: /"constructor", "toString", "__proto__" have no value/ });
  assert.throws(() => substitute("{{toString}}", {}), { code: "MACRO_VARIABLE", message: /"toString" has no value/ });
  const given = parseVarFlags(["constructor=Ç", "toString=ß", "__proto__=∅"]);
  assert.deepEqual(Object.keys(given), ["constructor", "toString", "__proto__"]);
  const values = resolveVariables(macro, given);
  assert.equal(substitute("a{{constructor}}b{{toString}}c{{__proto__}}", values), "aÇbßc∅");
});
