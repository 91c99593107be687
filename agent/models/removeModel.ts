import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { MANIFEST_NAME } from "./ModelManifest.js";

/**
 * Deletes a pulled model's folder (`<modelsDir>/<id>`): the manifest first, so that a removal cut
 * short never leaves a folder that still counts as installed. Returns false when there was nothing.
 */
export async function removeModel(modelsDir: string, id: string): Promise<boolean> {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id)) return false;
  const dir = join(modelsDir, id);
  const names = await readdir(dir).catch(() => undefined);
  if (names === undefined) return false;
  await rm(join(dir, MANIFEST_NAME), { force: true });
  await rm(dir, { recursive: true, force: true });
  return true;
}
