import { useState } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { ErrorNote } from "../ErrorNote.js";

/** The id of the form's first field, for the first-run state's "I already have GGUF files". */
export const USE_FILES_FIRST_FIELD = "use-files-model";

/** "Use these files": a Qwen2.5-VL text GGUF and its mmproj the user already has on the DeskPilot machine. */
export function UseFilesForm() {
  const chooseModelFiles = useAppStore((s) => s.chooseModelFiles);
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
      <p className="note" id="use-files-hint">
        Already have a model? Give the paths of the text model and its mmproj (vision projector) on the machine DeskPilot runs on; they are checked before they
        are used. <code>~</code> is your home folder, and a relative path such as <code>models/qwen.gguf</code> starts there too (not in the folder the server
        was started from).
      </p>
      <form
        className="use-files"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          void chooseModelFiles(model.trim(), mmproj.trim()).then(setDone);
        }}
      >
        <label>
          Text model (.gguf)
          <input
            id={USE_FILES_FIRST_FIELD}
            aria-describedby="use-files-hint"
            type="text"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder="~/models/Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf"
            required
            spellCheck={false}
          />
        </label>
        <label>
          mmproj (.gguf)
          <input
            aria-describedby="use-files-hint"
            type="text"
            value={mmproj}
            onChange={(e) => setMmproj(e.target.value)}
            placeholder="~/models/mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf"
            required
            spellCheck={false}
          />
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
