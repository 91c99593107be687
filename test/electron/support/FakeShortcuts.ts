import type { ShortcutRegistry } from "../../../electron/main/EmergencyHotkeys.js";

/** globalShortcut as the OS would answer: `taken` accelerators belong to another app. */
export class FakeShortcuts implements ShortcutRegistry {
  readonly bound = new Map<string, () => void>();
  constructor(readonly taken: readonly string[] = []) {}
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.includes(accelerator) || this.bound.has(accelerator)) return false;
    this.bound.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.bound.delete(accelerator);
  }
  /** The user presses the hotkey anywhere on the desktop. */
  press(accelerator: string): void {
    const callback = this.bound.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}
