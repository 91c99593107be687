import { fileURLToPath } from "node:url";

/** The repository root, from this file compiled at dist/test/support/. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
