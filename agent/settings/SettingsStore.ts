import { copyFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { InvalidSettingsError } from "./InvalidSettingsError.js";
import { describeSettingIssues } from "./describeSettingIssue.js";
import { migrateSettings } from "./migrateSettings.js";
import { repairSettings } from "./repairSettings.js";
import { settingsSchema, type Settings } from "./settingsSchema.js";
import { withFileLock } from "./withFileLock.js";
import { writeFileAtomic } from "../platform/writeFileAtomic.js";

/** Settings as read: the values, and what was wrong with the file (empty when it was fine). */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly issues: string[];
  /** Where the unreadable or repaired original was copied before it was rewritten. */
  readonly backup?: string;
}

/**
 * The settings file: read with repair (a broken or older file is reported, backed up and rewritten
 * keeping every valid value), written atomically under a cross-process lock.
 */
export class SettingsStore {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(readonly path: string) {}

  /** Told the settings after every load and update; returns the function that stops listening. */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the file (defaults when it does not exist), repairing and rewriting it when needed. */
  load(): Promise<LoadedSettings> {
    return this.serial(async () => {
      const loaded = await withFileLock(this.path, () => this.readRepaired());
      this.notify(loaded.settings);
      return loaded;
    });
  }

  /** Applies `change` to the current file and writes the result; an invalid result is refused, the file untouched. */
  update(change: (current: Settings) => Settings): Promise<Settings> {
    return this.serial(() =>
      withFileLock(this.path, async () => {
        const { settings } = await this.readRepaired();
        const next = settingsSchema.safeParse(change(structuredClone(settings)));
        if (!next.success) throw new InvalidSettingsError(describeSettingIssues(next.error.issues));
        await this.write(next.data);
        return next.data;
      }),
    ).then((settings) => {
      this.notify(settings);
      return settings;
    });
  }

  private notify(settings: Settings): void {
    for (const listener of this.listeners) listener(settings);
  }

  private async readRepaired(): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { settings: settingsSchema.parse({}), issues: [] };
      throw error;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      const backup = await this.backup("broken");
      const settings = settingsSchema.parse({});
      await this.write(settings);
      return { settings, issues: [`${this.path} is not valid JSON (${(error as Error).message}); reset to defaults, the old file is in ${backup}`], backup };
    }
    const migration = migrateSettings(doc);
    const { settings, issues } = repairSettings(migration.value);
    const all = [...migration.notes, ...issues];
    if (all.length === 0) return { settings, issues: [] };
    const backup = await this.backup(migration.notes.length > 0 ? `v${migration.fromVersion}` : "repaired");
    await this.write(settings);
    return { settings, issues: all, backup };
  }

  private async backup(tag: string): Promise<string> {
    const to = `${this.path}.${tag}-${new Date().toISOString().replace(/[:.]/g, "-")}.bak`;
    await copyFile(this.path, to);
    return to;
  }

  private async write(settings: Settings): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(settings, null, 2)}\n`);
  }

  // Within one process, calls also queue, so a lock is never contended by the process holding it.
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
