import { useState } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { ErrorNote } from "../ErrorNote.js";

/** "Use these files": a Qwen2.5-VL text GGUF and its mmproj the user already has on the DeskPilot machine. */
export function UseFilesForm() {
  const useModelFiles = useAppStore((s) => s.useModelFiles);
  const busy = useAppStore((s) => s.useFilesBusy);
  const error = useAppStore((s) => s.useFilesError);
  const [model, setModel] = useState("");
  const [mmproj, setMmproj] = useState("");
  const [done, setDone] = useState(false);

  return (
    <section aria-labelledby="use-files-title">
      <header>
        <h2 id="use-files-title">Use these files</h2>
      </header>
      <p className="note">Already have a model? Give the paths of the text model and its mmproj (vision projector) on the DeskPilot machine; they are checked before they are used.</p>
      <form
        className="use-files"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          void useModelFiles(model.trim(), mmproj.trim()).then(setDone);
        }}
      >
        <label>
          Text model (.gguf)
          <input type="text" value={model} onChange={(e) => setModel(e.target.value)} placeholder="/path/to/Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf" required spellCheck={false} />
        </label>
        <label>
          mmproj (.gguf)
          <input type="text" value={mmproj} onChange={(e) => setMmproj(e.target.value)} placeholder="/path/to/mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf" required spellCheck={false} />
        </label>
        <button type="submit" disabled={busy || !model.trim() || !mmproj.trim()}>
          {busy ? "Checking…" : "Verify and use"}
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      {done && !error && (
        <p className="outcome" role="status">
          Verified; DeskPilot now uses these files.
        </p>
      )}
    </section>
  );
}
