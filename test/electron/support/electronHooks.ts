// Node module hooks that resolve `electron` to the stand-in beside this file.
type Resolve = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, next: Resolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === "electron") return { url: new URL("./fakeElectron.js", import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
