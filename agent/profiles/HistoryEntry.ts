/** What the model is told about one earlier step: its action as text and what came of it. */
export interface HistoryEntry {
  readonly step: number;
  /** The action as the model gave it (model-frame coordinates), or its raw answer when unparsable. */
  readonly action: string;
  /** "ok", or why it failed / was refused: failures go back to the model as observations. */
  readonly observation: string;
  readonly failed: boolean;
}
