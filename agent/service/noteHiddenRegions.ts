import { hiddenRegions } from "../capture/BlankedScreenSource.js";
import type { Rect } from "../geometry/Display.js";
import type { RunStore } from "../runs/RunStore.js";

/**
 * A run store whose step lines say which of DeskPilot's own windows were painted out of the
 * step's screenshot (BlankedScreenSource): the record shows that a grey area is the panel, not
 * the application, and what the model could not see.
 */
export function noteHiddenRegions(store: RunStore): RunStore {
  return {
    open: async (runId) => {
      const record = await store.open(runId);
      const byStep = new Map<number, readonly Rect[]>();
      return {
        ...(record.dir !== undefined ? { dir: record.dir } : {}),
        append: (entry) => {
          const regions = entry.type === "step" ? byStep.get(entry.step) : undefined;
          if (entry.type !== "step" || !regions) return record.append(entry);
          byStep.delete(entry.step);
          return record.append({ ...entry, hidden: regions.map(({ x, y, width, height }) => ({ x, y, width, height })) });
        },
        screenshot: (step, capture, mark) => {
          const regions = hiddenRegions(capture);
          if (regions) byStep.set(step, regions);
          return record.screenshot(step, capture, mark);
        },
        ...(record.targetImage ? { targetImage: record.targetImage.bind(record) } : {}),
        close: () => record.close(),
      };
    },
  };
}
