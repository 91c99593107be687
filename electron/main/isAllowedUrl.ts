import { fileURLToPath } from "node:url";
import { sep } from "node:path";

/**
 * Whether the panel may load `url`: our own files under `pageDir`, devtools, and the
 * blob/data images it makes from captures. Everything else is remote or foreign content,
 * which the panel never needs (and local-only mode forbids).
 */
export function isAllowedUrl(url: string, pageDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case "devtools:":
    case "blob:":
    case "data:":
      return true;
    case "file:": {
      const path = fileURLToPath(parsed);
      const root = pageDir.endsWith(sep) ? pageDir : pageDir + sep;
      return path.startsWith(root);
    }
    default:
      return false;
  }
}
