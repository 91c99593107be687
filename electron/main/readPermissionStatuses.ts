import type { SystemPreferences } from "electron";
import type { PermissionStatuses } from "../../agent/permissions/permissionGuidanceFor.js";
import { permissionStatusesFromEnv } from "../../agent/permissions/permissionGuidanceForServe.js";

/** What the OS says about DeskPilot's screen and input access on this platform. */
export function readPermissionStatuses(
  platform: NodeJS.Platform,
  prefs: Pick<SystemPreferences, "getMediaAccessStatus" | "isTrustedAccessibilityClient">,
  env: NodeJS.ProcessEnv,
): PermissionStatuses {
  if (platform === "darwin") {
    return {
      screenRecording: prefs.getMediaAccessStatus("screen"),
      // false: only ask; `true` would pop macOS's own prompt on every launch.
      accessibility: prefs.isTrustedAccessibilityClient(false),
    };
  }
  return permissionStatusesFromEnv(platform, env);
}
