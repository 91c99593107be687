import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../platform/writeFileAtomic.js";

/** The token file in the user's config folder; only its owner may read it (0600). */
export const SERVE_TOKEN_FILE = "serve-token";

// 24 random bytes as base64url, as ControlServer makes them; anything else is not ours.
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

/** What loadServeToken found or did. */
export interface ServeToken {
  readonly token: string;
  readonly path: string;
  /** "kept": the saved one; "created": none was saved (or it was unreadable); "rotated": --new-token. */
  readonly state: "kept" | "created" | "rotated";
}

/**
 * The user's `deskpilot serve` token: the one saved in `configDir`, so a reload or a bookmark of
 * the panel keeps working across restarts; a new one when none is saved, when the saved one is
 * damaged, or when `rotate` asks for it (every earlier URL and cookie then stops working).
 */
export async function loadServeToken(configDir: string, options: { rotate?: boolean } = {}): Promise<ServeToken> {
  const path = join(configDir, SERVE_TOKEN_FILE);
  if (!options.rotate) {
    const saved = (await readFile(path, "utf8").catch(() => "")).trim();
    if (TOKEN.test(saved)) {
      await chmod(path, 0o600).catch(() => undefined); // a copied or restored file may have lost its mode
      return { token: saved, path, state: "kept" };
    }
  }
  const token = randomBytes(24).toString("base64url");
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, `${token}\n`);
  await chmod(path, 0o600).catch(() => undefined);
  return { token, path, state: options.rotate ? "rotated" : "created" };
}

/** Reads the saved token without making one (undefined when there is none). */
export async function savedServeToken(configDir: string): Promise<string | undefined> {
  const saved = (await readFile(join(configDir, SERVE_TOKEN_FILE), "utf8").catch(() => "")).trim();
  return TOKEN.test(saved) ? saved : undefined;
}
