import type { ModelListItem } from "../../../../agent/models/ModelsApi.js";
import { useAppStore } from "../../store/StoreContext.js";
import { formatBytes } from "./formatBytes.js";
import { USE_FILES_FIRST_FIELD } from "./UseFilesForm.js";

/** The first-run state: nothing installed; fetch the selected (default) model, or go to "use these files". */
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
      <div className="actions">
        <button type="button" className="primary" onClick={() => void pullModel(item.id, quant.name)}>
          Download {item.title} ({size})
        </button>
        {/* Focusing the form's first field also scrolls it into view. */}
        <button type="button" onClick={() => document.getElementById(USE_FILES_FIRST_FIELD)?.focus()}>
          I already have GGUF files
        </button>
      </div>
      <p className="note">Have a text model and its mmproj already? Use them in “Use these files” just below: no download.</p>
    </div>
  );
}
