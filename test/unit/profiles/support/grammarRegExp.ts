/** Inlines non-recursive GBNF rules into one anchored RegExp, to check which answers a grammar admits (the loop's tool-call test does the same). */
export function grammarRegExp(gbnf: string): RegExp {
  const rules = new Map(gbnf.split("\n").map((l) => l.split(" ::= ") as [string, string]));
  const expand = (body: string): string =>
    body.replace(/"((?:[^"\\]|\\.)*)"|(\[(?:[^\]\\]|\\.)*\])|([a-z][a-z0-9-]*)|\s+/g, (m, lit?: string, cls?: string, name?: string) => {
      if (lit !== undefined) return `(?:${JSON.parse(`"${lit}"`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`; // grouped: a quantifier applies to the whole literal
      if (cls !== undefined) return cls;
      if (name !== undefined) return rules.has(name) ? `(?:${expand(rules.get(name)!)})` : m;
      return "";
    });
  return new RegExp(`^${expand(rules.get("root")!)}$`, "su");
}
