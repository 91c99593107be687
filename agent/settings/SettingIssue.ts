/** One thing wrong with a settings change: the setting's path (`imageTokens.min`) and, in words, what to change. */
export interface SettingIssue {
  readonly path: string;
  readonly message: string;
}
