import { useEffect } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { ErrorNote } from "../components/ErrorNote.js";
import { HardwareSummary } from "../components/models/HardwareSummary.js";
import { ModelCard } from "../components/models/ModelCard.js";
import { NoModelYet } from "../components/models/NoModelYet.js";
import { UseFilesForm } from "../components/models/UseFilesForm.js";

/** The Models screen: the model in use (or the first-run choice), your own files, then the catalog with hardware fit and downloads. */
export function ModelsScreen() {
  const list = useAppStore((s) => s.modelList);
  const loading = useAppStore((s) => s.modelsLoading);
  const error = useAppStore((s) => s.modelsError);
  const downloading = useAppStore((s) => Object.keys(s.downloads).length > 0);
  const loadModels = useAppStore((s) => s.loadModels);
  useEffect(() => {
    void loadModels();
  }, [loadModels]);

  const nothingInstalled = list !== undefined && !list.selectedFiles && list.models.every((m) => !m.installed);
  const firstChoice = list?.models.find((m) => m.selected) ?? list?.models[0];

  return (
    <>
      <section aria-labelledby="models-title">
        <header>
          <h2 id="models-title">Models</h2>
          <button type="button" onClick={() => void loadModels()} disabled={loading}>
            {loading ? "Loading…" : "Refresh"}
          </button>
        </header>
        {error && <ErrorNote error={error} />}
        {!list && !error && <p className="empty">Loading the catalog…</p>}
        {list && (
          <>
            <HardwareSummary hardware={list.hardware} lastLoad={list.lastLoad} />
            <p className="note">
              Models folder: <code>{list.modelsDir}</code>
            </p>
            {list.selectedFiles && (
              <p className="in-use" role="status">
                In use: your own files <code>{list.selectedFiles.model}</code> with <code>{list.selectedFiles.mmproj}</code>. Choosing a catalog model below
                replaces them.
              </p>
            )}
            {nothingInstalled && !downloading && firstChoice && <NoModelYet item={firstChoice} />}
          </>
        )}
      </section>
      {/* Above the long catalog: someone who already has GGUF files should not have to scroll past it. */}
      <UseFilesForm />
      {list && (
        <section aria-labelledby="catalog-title">
          <header>
            <h2 id="catalog-title">Catalog</h2>
          </header>
          {list.models.map((item) => (
            <ModelCard
              key={item.id}
              item={item}
              {...(list.recommended?.id === item.id ? { recommendedQuant: list.recommended.quant, recommendedReason: list.recommended.reason } : {})}
              {...(list.recommendedQwen25Vl?.id === item.id && list.recommended?.id !== item.id ? { qwen25Quant: list.recommendedQwen25Vl.quant } : {})}
            />
          ))}
          {!list.recommended && (
            <p className="error">No catalog model fits this machine&apos;s free memory; close other programs, or use a remote endpoint (Settings).</p>
          )}
        </section>
      )}
    </>
  );
}
