import type { ServiceEvent } from "../../../electron/shared/ipcContract.js";
import type { SliceCreator } from "./AppState.js";

/** One thing the OS still needs from the user (agent/permissions PermissionGuidance). */
export type PermissionItem = Extract<ServiceEvent, { type: "permissions" }>["guidance"][number];

/** What the service says the OS still needs (the `permissions` event), and whether the user put it away. */
export interface PermissionsSlice {
  permissionGuidance: PermissionItem[];
  /** The guidance the user dismissed; a different one (something changed) shows again. */
  permissionsDismissed?: string;
  setPermissionGuidance(guidance: PermissionItem[]): void;
  dismissPermissions(): void;
}

/** Identifies a set of guidance, so a dismissal holds only while nothing changes. */
export function guidanceKey(guidance: readonly PermissionItem[]): string {
  return guidance.map((g) => `${g.id}:${g.title}`).join("|");
}

export const createPermissionsSlice: SliceCreator<PermissionsSlice> = () => (set, get) => ({
  permissionGuidance: [],
  setPermissionGuidance(guidance) {
    set({ permissionGuidance: guidance });
  },
  dismissPermissions() {
    set({ permissionsDismissed: guidanceKey(get().permissionGuidance) });
  },
});
