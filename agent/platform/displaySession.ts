import { missingForPortal, missingForWlroots } from "./wlrootsSupport.js";

/** Which desktop family a Wayland compositor belongs to: how DeskPilot could reach it natively. */
export type CompositorFamily = "gnome" | "kde" | "wlroots" | "other";

/** The graphical session DeskPilot runs in, and what it can see and reach there. */
export interface DisplaySession {
  /** x11: an X server is the desktop; wayland: a Wayland compositor is; none: no display; os: macOS or Windows. */
  readonly kind: "x11" | "wayland" | "none" | "os";
  /** Under Wayland: whether XWayland's DISPLAY is set (DeskPilot's X11 capture and input then reach X11 windows only). */
  readonly xwayland: boolean;
  /** Under Wayland: the compositor as the session names it, and its family. */
  readonly compositor?: { readonly name: string; readonly family: CompositorFamily };
  /** full: the whole desktop; x11-windows-only: through XWayland; none: nothing. */
  readonly reach: "full" | "x11-windows-only" | "none";
  /**
   * How DeskPilot captures and acts here: x11 (nut-js, XTEST, MIT-SHM; also through XWayland),
   * wlroots (the compositor's screencopy and virtual pointer and keyboard), portal (the desktop's
   * ScreenCast and RemoteDesktop portals: GNOME, KDE Plasma), os (macOS, Windows), none.
   */
  readonly io: "x11" | "wlroots" | "portal" | "os" | "none";
  /** One sentence: what works on this desktop, and what to do where something does not. */
  readonly summary: string;
}

// XDG_CURRENT_DESKTOP values (lower case) → family. wlroots: the compositors built on it, which
// offer the screencopy and virtual-input protocols.
const FAMILIES: ReadonlyArray<readonly [string, CompositorFamily, string]> = [
  ["gnome", "gnome", "GNOME"],
  ["ubuntu", "gnome", "GNOME"],
  ["kde", "kde", "KDE Plasma"],
  ["sway", "wlroots", "sway"],
  ["hyprland", "wlroots", "Hyprland"],
  ["river", "wlroots", "river"],
  ["wayfire", "wlroots", "Wayfire"],
  ["labwc", "wlroots", "labwc"],
  ["qtile", "wlroots", "Qtile"],
];

/** The compositor of a Wayland session, from what the session exports. */
export function waylandCompositor(env: NodeJS.ProcessEnv): { name: string; family: CompositorFamily } | undefined {
  const desktops = `${env["XDG_CURRENT_DESKTOP"] ?? ""}:${env["XDG_SESSION_DESKTOP"] ?? ""}`
    .split(":")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  for (const d of desktops) {
    const known = FAMILIES.find(([id]) => id === d);
    if (known) return { name: known[2], family: known[1] };
  }
  if (env["SWAYSOCK"]) return { name: "sway", family: "wlroots" };
  if (env["HYPRLAND_INSTANCE_SIGNATURE"]) return { name: "Hyprland", family: "wlroots" };
  if (env["KDE_FULL_SESSION"]) return { name: "KDE Plasma", family: "kde" };
  const named = env["XDG_CURRENT_DESKTOP"]?.split(":")[0]?.trim();
  return named ? { name: named, family: "other" } : undefined;
}

/**
 * Reads the session from the environment (XDG_SESSION_TYPE, WAYLAND_DISPLAY, DISPLAY and the
 * desktop's own variables). Pure, so every desktop is table-tested.
 */
export function displaySession(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  /** What a wlroots desktop still lacks for native capture and input (asked only on one). */
  wlrootsMissing: (env: NodeJS.ProcessEnv) => readonly string[] = () => missingForWlroots(),
  /** What a GNOME or KDE desktop still lacks for capture and input through its portal (asked only on one). */
  portalMissing: (env: NodeJS.ProcessEnv) => readonly string[] = (e) => missingForPortal(e),
): DisplaySession {
  if (platform !== "linux")
    return { kind: "os", xwayland: false, reach: "full", io: "os", summary: "DeskPilot captures and acts through the system's own screen and input APIs." };
  const type = env["XDG_SESSION_TYPE"]?.toLowerCase();
  const hasX = Boolean(env["DISPLAY"]);
  const wayland = type === "wayland" || (type !== "x11" && Boolean(env["WAYLAND_DISPLAY"]));
  if (!wayland) {
    return hasX
      ? { kind: "x11", xwayland: false, reach: "full", io: "x11", summary: "X11 session: DeskPilot sees and controls the whole desktop." }
      : {
          kind: "none",
          xwayland: false,
          reach: "none",
          io: "none",
          summary: "No display: DISPLAY is not set. Start DeskPilot from a graphical session, or set DISPLAY (e.g. DISPLAY=:0).",
        };
  }
  const compositor = waylandCompositor(env);
  const family = compositor?.family;
  return {
    kind: "wayland",
    ...waylandReach(
      compositor,
      hasX,
      family === "wlroots" ? wlrootsMissing(env) : undefined,
      family === "gnome" || family === "kde" ? portalMissing(env) : undefined,
    ),
  };
}

/**
 * What DeskPilot reaches on a Wayland session with this compositor, with XWayland's DISPLAY set
 * or not, in the words `capture --list`, `deskpilot run` and the panel's notice all use.
 */
export function waylandReach(
  compositor: { name: string; family: CompositorFamily } | undefined,
  xwayland: boolean,
  /** On a wlroots compositor: what native capture and input still need (empty: nothing). */
  wlrootsMissing?: readonly string[],
  /** On GNOME or KDE: what capture and input through the desktop portal still need (empty: nothing). */
  portalMissing?: readonly string[],
): Pick<DisplaySession, "xwayland" | "compositor" | "reach" | "io" | "summary"> {
  const name = compositor ? `Wayland session (${compositor.name})` : "Wayland session";
  const known = compositor ? { compositor } : {};
  if (compositor?.family === "wlroots" && wlrootsMissing?.length === 0) {
    return {
      xwayland,
      ...known,
      reach: "full",
      io: "wlroots",
      summary:
        `${name}: DeskPilot sees and controls the whole desktop through the compositor's own protocols ` +
        "(screencopy, virtual pointer and keyboard). Wayland lets no program hear a global stop key or see the pointer in a corner: " +
        `stop a run with the panel's Stop button, Ctrl+C, or a key bound in the compositor (${STOP_BINDING}).`,
    };
  }
  if ((compositor?.family === "gnome" || compositor?.family === "kde") && portalMissing?.length === 0) {
    return {
      xwayland,
      ...known,
      reach: "full",
      io: "portal",
      summary:
        `${name}: DeskPilot sees and controls the whole desktop through the desktop's ScreenCast and RemoteDesktop portals: ` +
        'the desktop asks once in its own dialog (choose the screens, turn on "Allow remote interaction", Share), and where it can restore that choice DeskPilot keeps it for later runs. ' +
        "Wayland lets no program hear a global stop key or see the pointer in a corner: stop a run with the panel's Stop button, Ctrl+C, " +
        `a key bound in the desktop's settings (${stopBinding(compositor.family)}), ` +
        "or the desktop's own sharing indicator (ending the share stops DeskPilot's next step)." +
        (xwayland ? "" : " Without XWayland (DISPLAY unset) there is no clipboard to paste through: characters the keyboard layout lacks cannot be typed."),
    };
  }
  const install = wlrootsMissing?.length
    ? `Install ${wlrootsMissing.join(", ")} to control the whole desktop natively.`
    : portalMissing?.length
      ? `To control the whole desktop through its portal DeskPilot needs ${portalMissing.join(" and ")}. Or: ${xorgSessionAdvice(compositor?.family)}`
      : undefined;
  const instead = install ?? xorgSessionAdvice(compositor?.family);
  const summary = xwayland
    ? `${name}: DeskPilot works through XWayland here, so it sees and controls X11 windows only ` +
      `(native Wayland windows are missing or black in its captures and get none of its clicks or keys). ${instead}`
    : `${name} without XWayland: DeskPilot cannot capture the screen or send input here yet. ${instead}`;
  return { xwayland, ...known, reach: xwayland ? "x11-windows-only" : "none", io: xwayland ? "x11" : "none", summary };
}

/** The command a desktop key binding runs to stop a running `deskpilot run` or `macro play` as Ctrl+C in its terminal would. */
export const STOP_COMMAND = "pkill -INT -f 'deskpilot.js (run|macro play)'";

/** A sway key binding that stops a running `deskpilot run` or `macro play`. */
export const STOP_BINDING = `sway: bindsym $mod+Escape exec ${STOP_COMMAND}`;

/** Where this desktop's own settings bind a key to STOP_COMMAND, in the words of its settings. */
export function stopBinding(family: CompositorFamily | undefined): string {
  switch (family) {
    case "gnome":
      return `GNOME: Settings › Keyboard › Custom Shortcuts, command ${STOP_COMMAND}`;
    case "kde":
      return `KDE: System Settings › Shortcuts › Add New › Command, ${STOP_COMMAND}`;
    default:
      return STOP_BINDING;
  }
}

/**
 * Why no program can hear a key pressed in another window or read the pointer here, or
 * undefined where one can: acting natively on Wayland (the compositor's own protocols or the
 * desktop's portal) there is no global stop key and no fail-safe corner, and a hook under
 * XWayland would hear keys pressed in X11 windows only.
 */
export function noGlobalInput(session: Pick<DisplaySession, "io">): string | undefined {
  return session.io === "wlroots" || session.io === "portal"
    ? "this Wayland desktop lets no program hear keys pressed in other windows, or see the pointer in a screen corner."
    : undefined;
}

function xorgSessionAdvice(family: CompositorFamily | undefined): string {
  switch (family) {
    case "gnome":
      return 'Log out, pick an X11 session at the login screen (the gear icon: "GNOME on Xorg" or "Ubuntu on Xorg") and log in again to control the whole desktop.';
    case "kde":
      return 'Log out, pick an X11 session at the login screen ("Plasma (X11)") and log in again to control the whole desktop.';
    case "wlroots":
      return "This compositor has no X11 session: use an X11 desktop session to control the whole desktop.";
    default:
      return 'Log out, pick an X11 session at the login screen (GNOME: "GNOME on Xorg"; KDE: "Plasma (X11)") to control the whole desktop.';
  }
}
