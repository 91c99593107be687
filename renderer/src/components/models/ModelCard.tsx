import { useState } from "react";
import type { ModelListItem } from "../../../../agent/models/ModelsApi.js";
import { useAppStore } from "../../store/StoreContext.js";
import { ErrorNote } from "../ErrorNote.js";
import { DownloadProgressBar } from "./DownloadProgressBar.js";
import { EvidenceList } from "./EvidenceList.js";
import { formatBytes } from "./formatBytes.js";

const FIT_LABELS: Record<ModelListItem["quants"][number]["fits"], string> = {
  gpu: "fits the GPU",
  partial: "partly on the GPU",
  cpu: "CPU only (slow)",
  none: "does not fit",
};

/** One catalog model: its quantisations with size and fit, and download, cancel, use and remove. */
export function ModelCard({
  item,
  recommendedQuant,
  recommendedReason,
  qwen25Quant,
}: {
  item: ModelListItem;
  recommendedQuant?: string;
  recommendedReason?: string;
  qwen25Quant?: string;
}) {
  const download = useAppStore((s) => s.downloads[item.id]);
  const outcome = useAppStore((s) => s.modelOutcomes[item.id]);
  const busy = useAppStore((s) => s.modelBusy[item.id] ?? false);
  const pullModel = useAppStore((s) => s.pullModel);
  const cancelPull = useAppStore((s) => s.cancelPull);
  const removeModel = useAppStore((s) => s.removeModel);
  const chooseModel = useAppStore((s) => s.chooseModel);
  const [quant, setQuant] = useState(item.installed?.quant ?? recommendedQuant ?? qwen25Quant ?? item.defaultQuant);
  const headingId = `model-${item.id}-title`;
  const installedQuant = item.installed?.quant;
  const chosen = item.quants.find((q) => q.name === quant) ?? item.quants[0]!;
  const replaces = installedQuant !== undefined && installedQuant !== chosen.name;

  return (
    <article className="model-card" aria-labelledby={headingId} data-testid={`model-${item.id}`}>
      <header className="row">
        <h3 id={headingId}>
          {item.title}
          {recommendedQuant && <span className="badge">recommended: {recommendedQuant}</span>}
          {qwen25Quant && <span className="badge">Qwen2.5-VL pick: {qwen25Quant}</span>}
          {item.installed && <span className="badge installed">installed {installedQuant}</span>}
          {item.selected && <span className="badge selected">{item.installed ? "in use" : "selected, not downloaded"}</span>}
        </h3>
        <code className="repo">{item.repo}</code>
      </header>
      {recommendedReason && <p className="note">Recommended for this machine: {recommendedReason}.</p>}
      <EvidenceList evidence={item.evidence} />
      <p className="note">
        Built by {item.builtBy}; licence {item.license}.{item.notRunnable && ` Not runnable in this build: ${item.notRunnable}.`}
      </p>
      <fieldset disabled={download !== undefined || busy}>
        <legend>Quantisation of {item.title}</legend>
        <table>
          <thead>
            <tr>
              <th scope="col">Quantisation</th>
              <th scope="col">Download</th>
              <th scope="col">On this machine</th>
            </tr>
          </thead>
          <tbody>
            {item.quants.map((q) => (
              <tr key={q.name}>
                <td>
                  <label>
                    <input type="radio" name={`quant-${item.id}`} value={q.name} checked={q.name === chosen.name} onChange={() => setQuant(q.name)} /> {q.name}
                  </label>
                </td>
                <td title={q.bytesFrom === "published" ? "as the hub published it" : "estimated; the hub's listing decides at download"}>
                  {q.bytesFrom === "published" ? "" : "≈ "}
                  {formatBytes(q.approxBytes + item.mmprojApproxBytes)}
                  {q.pinned && <span className="note"> (hash pinned)</span>}
                </td>
                <td className={`fit fit-${q.fits}`} title={q.fitReason}>
                  {FIT_LABELS[q.fits]} <span className="note">({q.fitReason})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      {download ? (
        <DownloadProgressBar title={item.title} download={download} onCancel={() => void cancelPull(item.id)} />
      ) : (
        <div className="actions">
          {(!item.installed || replaces) && (
            <button
              type="button"
              onClick={() => void pullModel(item.id, chosen.name)}
              disabled={busy}
              aria-label={`Download ${item.title} ${chosen.name} (${formatBytes(chosen.approxBytes + item.mmprojApproxBytes)})`}
            >
              {replaces ? `Download ${chosen.name} instead` : `Download ${chosen.name}`} ({formatBytes(chosen.approxBytes + item.mmprojApproxBytes)})
            </button>
          )}
          {item.installed && !item.selected && (
            <button type="button" onClick={() => void chooseModel(item.id, installedQuant)} disabled={busy}>
              Use {item.title}
            </button>
          )}
          {item.installed && (
            <button type="button" onClick={() => void removeModel(item.id)} disabled={busy}>
              Remove {item.title}
            </button>
          )}
        </div>
      )}
      {outcome?.kind === "error" && <ErrorNote error={outcome.error} />}
      {outcome?.kind === "note" && (
        <p className="outcome" role="status">
          {outcome.text}
        </p>
      )}
    </article>
  );
}
