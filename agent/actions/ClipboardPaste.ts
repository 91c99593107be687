/** The system clipboard as nut-js offers it (on X11 each `setContent` starts an `xsel` owner). */
export interface Clipboard {
  getContent(): Promise<string>;
  setContent(text: string): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Pastes texts through the clipboard for one `type` call, and puts the user's content back once
 * at the end. On X11 the clipboard is served by a helper process that takes ownership a moment
 * after `setContent` returns, so every change is waited for until the clipboard reads it back:
 * a paste before then inserts nothing, and a restore still pending when the next text is set
 * can take ownership back in the middle of the target's read ("東京" lost in CI, twice).
 */
export class ClipboardPaste {
  private saved?: string;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly pressPaste: () => Promise<void>,
    /** How long the target gets to read a pasted text, and how long a change may take to hold. */
    private readonly settleMs: number,
  ) {}

  async paste(text: string): Promise<void> {
    this.saved ??= await this.clipboard.getContent().catch(() => "");
    await this.set(text);
    await this.pressPaste();
    // The target reads the clipboard asynchronously, and nothing tells us when it has.
    await sleep(this.settleMs);
  }

  /** Puts back what the clipboard held before the first paste (nothing, if it was empty or none happened). */
  async restore(): Promise<void> {
    const saved = this.saved;
    this.saved = undefined;
    if (saved) await this.set(saved);
  }

  private async set(text: string): Promise<void> {
    await this.clipboard.setContent(text);
    const until = performance.now() + this.settleMs;
    while (performance.now() < until) {
      if ((await this.clipboard.getContent().catch(() => "")) === text) return;
      await sleep(20);
    }
  }
}
