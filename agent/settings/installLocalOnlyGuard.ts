import { readFileSync } from "node:fs";
import type { SettingsStore } from "./SettingsStore.js";
import { migrateSettings } from "./migrateSettings.js";
import { repairSettings } from "./repairSettings.js";
import { settingsPath } from "../platform/userDirs.js";
import { installNetworkGuard } from "../net/networkGuard.js";

let localOnly = true;

/**
 * Installs the network guard with local-only mode as the settings file says (read synchronously,
 * so nothing can connect before the policy is known; an unreadable file means local-only on).
 * With a store, later settings changes apply at once. Call once at process start.
 */
export function installLocalOnlyGuard(options: { file?: string; store?: SettingsStore } = {}): void {
  localOnly = readLocalOnly(options.file ?? options.store?.path ?? settingsPath());
  installNetworkGuard({ localOnly: () => localOnly });
  options.store?.onChange((s) => {
    localOnly = s.localOnly;
  });
}

function readLocalOnly(file: string): boolean {
  try {
    return repairSettings(migrateSettings(JSON.parse(readFileSync(file, "utf8"))).value).settings.localOnly;
  } catch {
    return true;
  }
}
