import type { ModelListItem } from "../../../../agent/models/ModelsApi.js";
import { useAppStore } from "../../store/StoreContext.js";
import { formatBytes } from "./formatBytes.js";

/** The first-run state: nothing installed, one button that fetches the selected (default) model. */
export function NoModelYet({ item }: { item: ModelListItem }) {
  const pullModel = useAppStore((s) => s.pullModel);
  const quant = item.quants.find((q) => q.name === item.defaultQuant) ?? item.quants[0]!;
  const size = formatBytes(quant.approxBytes + item.mmprojApproxBytes);
  return (
    <div className="empty no-model" role="region" aria-label="No model yet">
      <p>
        No model yet: download {item.title}, {size}.
      </p>
      <p className="note">It is the model DeskPilot runs by default ({quant.name}, text model and vision projector). Everything stays on this machine.</p>
      <button type="button" className="primary" onClick={() => void pullModel(item.id, quant.name)}>
        Download {item.title} ({size})
      </button>
    </div>
  );
}
