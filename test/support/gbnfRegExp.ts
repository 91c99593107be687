/**
 * Inlines a non-recursive GBNF grammar (literals, classes, rule names of [a-z0-9-], ( ) | ? * {m,n})
 * into one anchored RegExp: a fast, CPU-only check of which answers a grammar admits. The native
 * grammar tests run the same grammars through llama.cpp's own engine.
 */
export function gbnfRegExp(gbnf: string): RegExp {
  const rules = new Map(gbnf.split("\n").map((l) => l.split(" ::= ") as [string, string]));
  const expand = (body: string): string =>
    body.replace(/"((?:[^"\\]|\\.)*)"|(\[(?:[^\]\\]|\\.)*\])|([a-z][a-z0-9-]*)|\s+/g, (m, lit?: string, cls?: string, name?: string) => {
      if (lit !== undefined) return JSON.parse(`"${lit}"`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (cls !== undefined) return cls;
      if (name !== undefined) return rules.has(name) ? `(?:${expand(rules.get(name)!)})` : m;
      return "";
    });
  return new RegExp(`^${expand(rules.get("root")!)}$`, "u");
}
