import { test } from "node:test";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Finds an executable on PATH (or at an absolute path). */
export function which(bin: string): string | undefined {
  if (bin.includes("/")) return existsSync(bin) ? bin : undefined;
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    const p = join(dir, bin);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The first missing executable among `bins`, described for a skip message. */
export function missingBinaries(...bins: string[]): string | undefined {
  const missing = bins.filter((b) => !which(b));
  return missing.length > 0 ? `${missing.join(", ")} not installed` : undefined;
}

/**
 * Turns a missing prerequisite into node:test's `skip` option ("skipped: <reason>").
 * Under CI=true a missing prerequisite must fail the run, so a failing test is registered too.
 */
export function skipUnlessAvailable(missing: string | undefined): string | false {
  if (!missing) return false;
  if (process.env["CI"] === "true") {
    test(`prerequisite: ${missing}`, () => {
      throw new Error(`CI=true but a test prerequisite is missing: ${missing}. .ci/run must install it.`);
    });
  }
  return `skipped: ${missing}`;
}
