import type { PermissionGuidance } from "./PermissionGuidance.js";
import { waylandReach, type CompositorFamily } from "../platform/displaySession.js";

/** What the OS says about DeskPilot's access; each field only where that platform has it. */
export interface PermissionStatuses {
  /** macOS: systemPreferences.getMediaAccessStatus("screen"). */
  readonly screenRecording?: "not-determined" | "granted" | "denied" | "restricted" | "unknown";
  /** macOS: systemPreferences.isTrustedAccessibilityClient(false). */
  readonly accessibility?: boolean;
  /** Linux: XDG_SESSION_TYPE ("x11", "wayland", "tty", …). */
  readonly sessionType?: string;
  /** Linux: whether DISPLAY names an X server (Xorg, or XWayland under Wayland). */
  readonly hasXDisplay?: boolean;
  /** Linux under Wayland: the compositor the session names (XDG_CURRENT_DESKTOP and the like), and its family. */
  readonly compositor?: { readonly name: string; readonly family: CompositorFamily };
  /** Linux under a wlroots compositor: what native capture and input still need (empty: nothing; platform/wlrootsSupport). */
  readonly wlrootsMissing?: readonly string[];
}

/** The System Settings panes of macOS's privacy lists (Ventura and later keep these URLs). */
export const MACOS_SETTINGS = {
  screenRecording: "x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture",
  accessibility: "x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility",
} as const;

const RESTART = "then quit and reopen DeskPilot (macOS applies it to new launches only)";

/**
 * What the user must enable, and where, for DeskPilot to capture the screen and move the mouse
 * and keyboard on `platform`; empty when nothing is missing. Pure, so every case is table-tested.
 */
export function permissionGuidanceFor(platform: NodeJS.Platform, s: PermissionStatuses): PermissionGuidance[] {
  switch (platform) {
    case "darwin":
      return macGuidance(s);
    case "linux":
      return linuxGuidance(s);
    case "win32":
      return [
        {
          id: "windows-elevated-apps",
          severity: "info",
          title: "Apps run as administrator are out of reach",
          steps: "Windows does not let DeskPilot click or type into a window of an app run as administrator unless DeskPilot runs as administrator too.",
        },
      ];
    default:
      return [];
  }
}

function macGuidance(s: PermissionStatuses): PermissionGuidance[] {
  const out: PermissionGuidance[] = [];
  const screen = s.screenRecording ?? "unknown";
  if (screen !== "granted") {
    out.push({
      id: "macos-screen-recording",
      severity: "blocking",
      title: screen === "restricted" ? "Screen Recording is blocked by a device policy" : "Screen Recording is off",
      steps:
        screen === "restricted"
          ? "A configuration profile forbids Screen Recording for DeskPilot; ask whoever manages this Mac to allow it."
          : `DeskPilot needs Screen Recording to see the screen. Open System Settings › Privacy & Security › Screen Recording, turn DeskPilot on, ${RESTART}.`,
      ...(screen === "restricted" ? {} : { settingsUrl: MACOS_SETTINGS.screenRecording }),
    });
  }
  if (s.accessibility !== true) {
    out.push({
      id: "macos-accessibility",
      severity: "blocking",
      title: "Accessibility is off",
      steps: `DeskPilot needs Accessibility to move the mouse and type. Open System Settings › Privacy & Security › Accessibility, turn DeskPilot on (add it with + if it is not listed), ${RESTART}.`,
      settingsUrl: MACOS_SETTINGS.accessibility,
    });
  }
  return out;
}

function linuxGuidance(s: PermissionStatuses): PermissionGuidance[] {
  const session = s.sessionType?.toLowerCase();
  if (session === "wayland") {
    // the same words as `capture --list` and `deskpilot run` (platform/displaySession)
    const what = waylandReach(s.compositor, s.hasXDisplay === true, s.wlrootsMissing);
    if (what.reach === "full") {
      // nothing blocks; what it says is where the stop key went
      return [{ id: "linux-wayland", severity: "info", title: "Wayland session: stop runs from the panel or a compositor key", steps: what.summary }];
    }
    return [
      {
        id: "linux-wayland",
        severity: "blocking",
        title: what.xwayland
          ? "Wayland session: DeskPilot sees and controls X11 windows only"
          : "Wayland session: DeskPilot cannot see or control this desktop",
        steps: what.summary,
      },
    ];
  }
  if (s.hasXDisplay === false) {
    return [
      {
        id: "linux-no-display",
        severity: "blocking",
        title: "No X display",
        steps: "DeskPilot needs an X11 desktop session: DISPLAY is not set. Start it from a graphical X11 session, or set DISPLAY (e.g. DISPLAY=:0).",
      },
    ];
  }
  return [];
}
