import { homedir } from "node:os";
import { join } from "node:path";

/** Where DeskPilot keeps its settings (config) and large files such as models (data). */
export interface UserDirs {
  readonly config: string;
  readonly data: string;
}

/**
 * The per-user folders, following each platform's convention (XDG on Linux, Application Support
 * on macOS, %APPDATA%/%LOCALAPPDATA% on Windows). DESKPILOT_HOME puts both in one folder (tests, portable installs).
 */
export function userDirs(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): UserDirs {
  const override = env["DESKPILOT_HOME"];
  if (override) return { config: override, data: override };
  if (platform === "darwin") {
    const dir = join(home, "Library", "Application Support", "DeskPilot");
    return { config: dir, data: dir };
  }
  if (platform === "win32") {
    return {
      config: join(env["APPDATA"] ?? join(home, "AppData", "Roaming"), "DeskPilot"),
      data: join(env["LOCALAPPDATA"] ?? join(home, "AppData", "Local"), "DeskPilot"),
    };
  }
  return {
    config: join(env["XDG_CONFIG_HOME"] || join(home, ".config"), "deskpilot"),
    data: join(env["XDG_DATA_HOME"] || join(home, ".local", "share"), "deskpilot"),
  };
}

/** The settings file. */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).config, "settings.json");
}
