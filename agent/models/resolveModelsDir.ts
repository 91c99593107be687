import { join, resolve } from "node:path";
import { userDirs } from "../platform/userDirs.js";

/** The models folder: --models-dir, then DESKPILOT_MODELS_DIR, then the setting, then `<user data>/models`. */
export function resolveModelsDir(flag: string | undefined, setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env["DESKPILOT_MODELS_DIR"] ?? setting;
  return chosen ? resolve(chosen) : join(userDirs(env).data, "models");
}
