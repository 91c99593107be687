import { systemDisplays } from "./systemDisplays.js";

type Nut = typeof import("@nut-tree-fork/nut-js");
let loaded: Promise<Nut> | undefined;

/**
 * Loads nut-js only after a display server has answered: without one, libnut crashes the
 * whole process with a segfault instead of throwing. Delays are zeroed; DeskPilot paces
 * input itself.
 */
export function loadNut(): Promise<Nut> {
  loaded ??= (async () => {
    systemDisplays();
    const nut = await import("@nut-tree-fork/nut-js");
    nut.mouse.config.autoDelayMs = 0;
    nut.mouse.config.mouseSpeed = 100_000;
    nut.keyboard.config.autoDelayMs = 0;
    return nut;
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
