import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { SettingsPatch } from "../../../agent/models/ModelsApi.js";
import type { LoadedSettings } from "../../../agent/settings/SettingsStore.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

/** One setting a save was refused over: its path (`imageTokens.min`) and, in words, what to change. */
export interface SettingsIssue {
  readonly path: string;
  readonly message: string;
}

/** A failed save: the service's error and every setting it names (none when the save failed for another reason). */
export interface SettingsSaveError {
  readonly error: ErrorInfo;
  readonly issues: readonly SettingsIssue[];
}

export interface SettingsSlice {
  /** Undefined until the first answer. */
  loadedSettings?: LoadedSettings;
  settingsLoading: boolean;
  settingsLoadError?: ErrorInfo;
  settingsSaving: boolean;
  settingsSaveError?: SettingsSaveError;
  /** Set after a save the service accepted, until the next edit or save. */
  settingsSaved: boolean;
  loadSettings(): Promise<void>;
  /** Sends the patch; the service writes all of it or, when the result is invalid, nothing. */
  saveSettings(patch: SettingsPatch): Promise<boolean>;
  clearSettingsStatus(): void;
}

/**
 * The settings a refused save names: INVALID_SETTING carries them all; a patch the contract
 * refused says `Bad arguments for updateSettings: 0.a.b: …; 0.c: ….`, one part per setting.
 */
export function settingIssues(error: ErrorInfo): SettingsIssue[] {
  if (error.issues && error.issues.length > 0) return [...error.issues];
  const bad = /^Bad arguments for updateSettings: (.*?)\.?$/s.exec(error.message);
  if (bad)
    return bad[1]!.split("; ").flatMap((part) => {
      const m = /^0\.([\w.]+): (.*)$/s.exec(part);
      return m ? [{ path: m[1]!, message: m[2]! }] : [];
    });
  const one = /invalid setting ([\w.]+): (.*)/s.exec(error.message);
  return one ? [{ path: one[1]!, message: one[2]! }] : [];
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (client) => (set, get) => ({
  settingsLoading: false,
  settingsSaving: false,
  settingsSaved: false,

  async loadSettings() {
    set({ settingsLoading: true });
    try {
      set({ loadedSettings: await client.call("getSettings"), settingsLoading: false, settingsLoadError: undefined });
    } catch (error) {
      set({ settingsLoadError: ClientError.info(error), settingsLoading: false });
    }
  },

  async saveSettings(patch) {
    set({ settingsSaving: true, settingsSaveError: undefined, settingsSaved: false });
    try {
      const settings = await client.call("updateSettings", patch);
      // The repair report belongs to the file as it was loaded; a save has rewritten it.
      set({ loadedSettings: { ...(get().loadedSettings ?? { issues: [] }), settings }, settingsSaved: true });
      return true;
    } catch (error) {
      const info = ClientError.info(error);
      set({ settingsSaveError: { error: info, issues: settingIssues(info) } });
      return false;
    } finally {
      set({ settingsSaving: false });
    }
  },

  clearSettingsStatus() {
    set({ settingsSaveError: undefined, settingsSaved: false });
  },
});
