/** The widget window as the shield needs it. */
export interface ShieldedWindow {
  isVisible(): boolean;
  hide(): void;
  showInactive(): void;
}

/**
 * Keeps the widget out of captures where content protection does nothing (Linux: X11 has no
 * such thing): the widget hides for the length of each capture and comes back after, unless it
 * was meant to go meanwhile. Overlapping captures share one hide.
 */
export class CaptureShield {
  private lowered = 0;
  private hidden = false;

  constructor(
    private readonly window: () => ShieldedWindow | undefined,
    /** Whether the widget should be up (it stays down after a capture when the activity ended). */
    private readonly wanted: () => boolean,
    /** Lets the display server unmap the window before the capture reads the screen. */
    private readonly settle: () => Promise<void> = () => new Promise((r) => setTimeout(r, 60)),
  ) {}

  /** Hides the widget if it is up; resolves to the function that brings it back. */
  async lower(): Promise<() => void> {
    this.lowered++;
    const w = this.window();
    if (!this.hidden && w?.isVisible()) {
      w.hide();
      this.hidden = true;
      await this.settle();
    }
    let raised = false;
    return () => {
      if (raised) return;
      raised = true;
      if (--this.lowered > 0 || !this.hidden) return;
      this.hidden = false;
      if (this.wanted()) this.window()?.showInactive();
    };
  }
}
