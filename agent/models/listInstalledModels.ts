import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { readModelManifest, type ModelManifest } from "./ModelManifest.js";

/** A pulled model whose manifest and both files are present with their recorded sizes. */
export interface InstalledModel extends ModelManifest {
  readonly dir: string;
  readonly modelPath: string;
  readonly mmprojPath: string;
}

/** The verified models in `modelsDir` (one folder per id); partial or damaged downloads do not count. */
export async function listInstalledModels(modelsDir: string): Promise<InstalledModel[]> {
  const names = await readdir(modelsDir).catch(() => [] as string[]);
  const found: InstalledModel[] = [];
  for (const name of names.sort()) {
    const dir = join(modelsDir, name);
    const manifest = await readModelManifest(dir);
    if (!manifest) continue;
    const modelPath = join(dir, manifest.model.name);
    const mmprojPath = join(dir, manifest.mmproj.name);
    const sizes = await Promise.all(
      [modelPath, mmprojPath].map((p) =>
        stat(p).then(
          (s) => s.size,
          () => -1,
        ),
      ),
    );
    if (sizes[0] === manifest.model.bytes && sizes[1] === manifest.mmproj.bytes) found.push({ ...manifest, dir, modelPath, mmprojPath });
  }
  return found;
}
