/**
 * How long ago the panel was hidden, so a capture right after a run starts waits for the window
 * server to take the panel off the screen (hide() returns before it is gone) instead of showing
 * the model DeskPilot's own window in its first screenshot.
 */
export class HideSettle {
  private hiddenAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settleMs = 150,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Notes that a window was just hidden. */
  mark(): void {
    this.hiddenAt = this.now();
  }

  /** Resolves once `settleMs` have passed since the last mark (at once when they have). */
  async wait(): Promise<void> {
    const left = this.hiddenAt + this.settleMs - this.now();
    if (left > 0) await this.sleep(left);
  }
}
