import { useEffect } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { isBrokenMacro, macroFileName } from "../../store/macrosSlice.js";
import { ErrorNote } from "../ErrorNote.js";

/** The macros in the library folder; a file that does not validate is listed with its reason, so it can be fixed. */
export function MacroLibrary() {
  const list = useAppStore((s) => s.macroList);
  const error = useAppStore((s) => s.macroListError);
  const open = useAppStore((s) => s.openMacroFile);
  const load = useAppStore((s) => s.loadMacroList);
  const openMacro = useAppStore((s) => s.openMacro);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="macro-library-title">
      <header>
        <h2 id="macro-library-title">Macros</h2>
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
      </header>
      {error && <ErrorNote error={error} />}
      {list && list.length === 0 && <p className="empty">No macros yet: record one below, or save a successful run as a macro.</p>}
      {list && list.length > 0 && (
        <table aria-label="Macro library">
          <thead>
            <tr>
              <th>File</th>
              <th>Name</th>
              <th>Steps</th>
              <th>Variables</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((m) => {
              const file = macroFileName(m.path);
              if (isBrokenMacro(m)) {
                return (
                  <tr key={m.path} className="macro-broken">
                    <td>{file}</td>
                    <td colSpan={4} className="error">
                      <code>{m.error.code}</code> {m.error.message}
                    </td>
                  </tr>
                );
              }
              return (
                <tr key={m.path} aria-current={open === file ? "true" : undefined}>
                  <td>{file}</td>
                  <td>{m.name}</td>
                  <td>{m.steps.length}</td>
                  <td>{m.variables.map((v) => `{{${v.name}}}`).join(" ") || "—"}</td>
                  <td>
                    <button type="button" aria-label={`Open ${file}`} onClick={() => void openMacro(file)}>
                      Open
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
