import { ControlServer, type ControlServerOptions } from "../../server/ControlServer.js";
import type { PermissionGuidance } from "../../permissions/PermissionGuidance.js";
import { permissionGuidanceForServe } from "../../permissions/permissionGuidanceForServe.js";
import { installLocalOnlyGuard } from "../../settings/installLocalOnlyGuard.js";
import { createAppService, type AppServiceOptions } from "../../service/createAppService.js";
import type { LocalService } from "../../service/LocalService.js";
import { SettingsStore } from "../../settings/SettingsStore.js";
import { settingsPath } from "../../platform/userDirs.js";

/** The service `deskpilot serve` hosts, and what the OS still needs from the user. */
export interface ServedApp {
  readonly service: LocalService;
  /** Sent to every panel as it connects (the `permissions` event). */
  readonly guidance: PermissionGuidance[];
}

/**
 * Composes `deskpilot serve`'s service: the network guard follows the service's own settings
 * file, so local-only switched on in the Settings screen refuses the very next outbound
 * connection (and switched off lets a remote endpoint through) without a restart.
 */
export function createServedApp(options: AppServiceOptions & { platform?: NodeJS.Platform } = {}): ServedApp {
  const env = options.env ?? process.env;
  const settings = options.settings ?? new SettingsStore(settingsPath(env));
  installLocalOnlyGuard({ store: settings });
  const service = createAppService({ ...options, env, settings });
  return { service, guidance: permissionGuidanceForServe(options.platform ?? process.platform, env) };
}

/** The control server for a served app: each panel that connects is told the permission guidance first (Electron's main sends it on load). */
export function createServeServer(app: ServedApp, options: Omit<ControlServerOptions, "service" | "greeting">): ControlServer {
  return new ControlServer({ ...options, service: app.service, greeting: () => [{ type: "permissions", guidance: app.guidance }] });
}
