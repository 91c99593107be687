import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { SettingsPatch } from "../../../agent/models/ModelsApi.js";
import type { LoadedSettings } from "../../../agent/settings/SettingsStore.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

/** A refused save: the service's error and, when it names one, the setting it is about (`imageTokens.min`). */
export interface SettingsSaveError {
  readonly error: ErrorInfo;
  readonly field: string | undefined;
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

/** The setting a service error names: INVALID_SETTING says `invalid setting a.b: …`, a bad patch `… 0.a.b: …`. */
export function settingField(error: ErrorInfo): string | undefined {
  const m = /invalid setting ([\w.]+):/.exec(error.message) ?? /updateSettings: 0\.([\w.]+):/.exec(error.message);
  return m?.[1];
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
      set({ settingsSaveError: { error: info, field: settingField(info) } });
      return false;
    } finally {
      set({ settingsSaving: false });
    }
  },

  clearSettingsStatus() {
    set({ settingsSaveError: undefined, settingsSaved: false });
  },
});
