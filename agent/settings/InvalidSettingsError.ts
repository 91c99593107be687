import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { SettingIssue } from "./SettingIssue.js";

/**
 * A settings change refused as a whole (nothing written): every issue at once, each with its
 * setting's path, so a client can show them all at their fields; the message lists them too.
 */
export class InvalidSettingsError extends DeskPilotError {
  constructor(readonly issues: readonly SettingIssue[]) {
    const listed = issues.map((i) => `${i.path}: ${i.message}`);
    super(
      "INVALID_SETTING",
      issues.length === 1
        ? `invalid setting ${listed[0]}; the settings file was not written`
        : `${issues.length} invalid settings (${listed.join("; ")}); the settings file was not written`,
    );
  }

  override toJSON(): { code: string; message: string; issues: SettingIssue[] } {
    return { ...super.toJSON(), issues: [...this.issues] };
  }
}
