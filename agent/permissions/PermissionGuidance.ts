/** One thing the user must do (or know) before DeskPilot can see the screen or move the input. */
export interface PermissionGuidance {
  /** Stable id, e.g. "macos-screen-recording". */
  readonly id: string;
  /** "blocking": capture or input will not work until the user acts; "info": a limit worth knowing. */
  readonly severity: "blocking" | "info";
  /** What is missing, in a few words ("Screen Recording is off"). */
  readonly title: string;
  /** What to do and where, in plain words. */
  readonly steps: string;
  /** A settings pane the app may open for the user (macOS `x-apple.systempreferences:` URLs only). */
  readonly settingsUrl?: string;
}
