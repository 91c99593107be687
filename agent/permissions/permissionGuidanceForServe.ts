import type { PermissionGuidance } from "./PermissionGuidance.js";
import { MACOS_SETTINGS, permissionGuidanceFor, type PermissionStatuses } from "./permissionGuidanceFor.js";
import { waylandCompositor } from "../platform/displaySession.js";
import { missingForWlroots } from "../platform/wlrootsSupport.js";

/** What plain Node can tell from the environment: on Linux the session type and whether an X display is named. */
export function permissionStatusesFromEnv(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): PermissionStatuses {
  if (platform !== "linux") return {};
  const compositor = waylandCompositor(env);
  return {
    ...(env["XDG_SESSION_TYPE"] ? { sessionType: env["XDG_SESSION_TYPE"] } : {}),
    hasXDisplay: Boolean(env["DISPLAY"]),
    ...(compositor ? { compositor } : {}),
    ...(compositor?.family === "wlroots" ? { wlrootsMissing: missingForWlroots() } : {}),
  };
}

/**
 * The guidance `deskpilot serve` gives each panel (the same as the Electron app's where it can
 * know it). macOS's privacy switches can only be read from inside an app bundle, so there it says
 * which switches the app that runs `deskpilot serve` needs instead of claiming they are off.
 */
export function permissionGuidanceForServe(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): PermissionGuidance[] {
  if (platform !== "darwin") return permissionGuidanceFor(platform, permissionStatusesFromEnv(platform, env));
  return [
    {
      id: "macos-serve-unchecked",
      severity: "info",
      title: "The terminal needs Screen Recording and Accessibility",
      steps:
        "deskpilot serve cannot read macOS's privacy settings. If captures come out black or clicks do nothing, open System Settings › " +
        "Privacy & Security, turn on Screen Recording and Accessibility for the app that runs deskpilot serve (Terminal, iTerm), then restart it.",
      settingsUrl: MACOS_SETTINGS.screenRecording,
    },
  ];
}
