import type { HistoryEntry } from "../profiles/HistoryEntry.js";

/**
 * The loop's memory, bounded so a step's prompt does not grow with the run: all past actions
 * are kept as short text up to `maxEntries` (older ones are summarised as a count), and only
 * the last `maxScreenshots` screenshots are offered to the decider.
 */
export class StepHistory<Shot = unknown> {
  private readonly entries: HistoryEntry[] = [];
  private readonly shots: Shot[] = [];
  private dropped = 0;

  constructor(
    readonly maxEntries = 40,
    readonly maxScreenshots = 2,
  ) {}

  add(entry: HistoryEntry): void {
    this.entries.push({ ...entry, action: clip(entry.action, 300), observation: clip(entry.observation, 300) });
    if (this.entries.length > this.maxEntries) {
      this.entries.shift();
      this.dropped++;
    }
  }

  addScreenshot(shot: Shot): void {
    this.shots.push(shot);
    if (this.shots.length > this.maxScreenshots) this.shots.shift();
  }

  /** Past steps, oldest first. */
  get actions(): readonly HistoryEntry[] {
    return this.entries;
  }

  /** How many of the oldest steps are no longer listed. */
  get omitted(): number {
    return this.dropped;
  }

  /** The most recent screenshots, oldest first. */
  get screenshots(): readonly Shot[] {
    return this.shots;
  }

  /** Failures in a row at the end of the history. */
  get consecutiveFailures(): number {
    let n = 0;
    for (let i = this.entries.length - 1; i >= 0 && this.entries[i]!.failed; i--) n++;
    return n;
  }
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
