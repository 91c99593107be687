import { useAppStore } from "../../store/StoreContext.js";
import { insertWait } from "../../store/macrosSlice.js";
import { ErrorNote } from "../ErrorNote.js";
import { StepRow } from "./StepRow.js";

/** The open macro's steps, editable; saving sends the whole macro to the service, which validates it like a file. */
export function MacroEditor() {
  const file = useAppStore((s) => s.openMacroFile);
  const draft = useAppStore((s) => s.macroDraft);
  const dirty = useAppStore((s) => s.macroDraftDirty);
  const error = useAppStore((s) => s.macroEditError);
  const saved = useAppStore((s) => s.macroSavedNote);
  const edit = useAppStore((s) => s.editMacro);
  const save = useAppStore((s) => s.saveMacroDraft);
  const open = useAppStore((s) => s.openMacro);
  const close = useAppStore((s) => s.closeMacro);
  if (!file || !draft) return error ? <ErrorNote error={error} /> : null;

  return (
    <section aria-labelledby="macro-editor-title">
      <header>
        <h2 id="macro-editor-title">Steps of {file}</h2>
        <button type="button" disabled={!dirty} onClick={() => void save()}>
          Save
        </button>
        <button type="button" disabled={!dirty} onClick={() => void open(file)}>
          Revert
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      <label htmlFor="macro-name">Name</label>
      <input id="macro-name" value={draft.name} onChange={(e) => edit((m) => ({ ...m, name: e.target.value }))} />
      {dirty && <p className="empty">Unsaved edits.</p>}
      {error && <ErrorNote error={error} />}
      {saved && (
        <p className="outcome" role="status">
          {saved}
        </p>
      )}
      {draft.steps.length === 0 ? (
        <p className="empty">No steps: this macro does nothing.</p>
      ) : (
        <ol className="macro-steps" aria-label="Steps">
          {draft.steps.map((_, i) => (
            <StepRow key={i} macro={draft} index={i} edit={edit} />
          ))}
        </ol>
      )}
      <button type="button" onClick={() => edit((m) => insertWait(m, -1))}>
        Add a wait at the start
      </button>
    </section>
  );
}
