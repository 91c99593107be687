import type { BrowserWindow } from "electron";
import type { PermissionGuidance } from "../../agent/permissions/PermissionGuidance.js";
import { checkPermissions, explainPermissions } from "./setupPermissions.js";

/**
 * What the OS still needs from the user, told to the panel on every load (it may have reloaded)
 * and re-checked when the user comes back to it (from System Settings, say); explained in
 * dialogs once per launch.
 */
export class PermissionsPublisher {
  private guidance: PermissionGuidance[] = [];
  private explained = false;

  constructor(
    private readonly publish: (guidance: PermissionGuidance[]) => void,
    private readonly panel: () => BrowserWindow | undefined,
  ) {}

  /** How many permissions block DeskPilot from working. */
  get blocking(): number {
    return this.guidance.filter((g) => g.severity === "blocking").length;
  }

  /** Checks again; publishes when `always` or when anything changed. */
  check(always: boolean): void {
    const next = checkPermissions();
    const changed = JSON.stringify(next) !== JSON.stringify(this.guidance);
    this.guidance = next;
    if (!always && !changed) return;
    this.publish(this.guidance);
    if (!this.explained && this.blocking > 0) {
      this.explained = true;
      void this.explain();
    }
  }

  /** The dialogs over the panel, one per blocking permission. */
  explain(): Promise<void> {
    return explainPermissions(this.guidance, this.panel());
  }
}
