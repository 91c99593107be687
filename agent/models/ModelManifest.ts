import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../platform/writeFileAtomic.js";

const fileSchema = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().optional(),
  /** Whose word the hash rests on: the catalog's pin, the hub's listing, or the first download (nothing was published). */
  trust: z.enum(["pinned", "hub", "first-use"]).optional(),
});

const manifestSchema = z.object({
  id: z.string(),
  quant: z.string(),
  repo: z.string(),
  hub: z.string(),
  model: fileSchema,
  mmproj: fileSchema,
  verifiedAt: z.string(),
});

/** Written next to a pulled model once both files are verified: only then does the model count as installed. */
export type ModelManifest = z.infer<typeof manifestSchema>;

export const MANIFEST_NAME = "deskpilot-model.json";

/** The manifest in `dir`, or undefined when there is none or it is unreadable. */
export async function readModelManifest(dir: string): Promise<ModelManifest | undefined> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(dir, MANIFEST_NAME), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the manifest atomically (the last step of a pull). */
export async function writeModelManifest(dir: string, manifest: ModelManifest): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
}
