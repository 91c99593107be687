import { useAppStore } from "../store/StoreContext.js";
import { ErrorNote } from "./ErrorNote.js";

/** The displays the service sees, in global logical pixels, with their scale factor. */
export function DisplaysPanel() {
  const displays = useAppStore((s) => s.displays);
  const loading = useAppStore((s) => s.displaysLoading);
  const error = useAppStore((s) => s.displaysError);
  const loadDisplays = useAppStore((s) => s.loadDisplays);

  return (
    <section aria-labelledby="displays-title">
      <header>
        <h2 id="displays-title">Displays</h2>
        <button type="button" onClick={() => void loadDisplays()} disabled={loading}>
          {loading ? "Loading…" : "Refresh"}
        </button>
      </header>
      {error && <ErrorNote error={error} />}
      {!error && displays?.length === 0 && <p className="empty">No displays found. Is a desktop session running?</p>}
      {displays && displays.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>ID</th>
              <th>Name</th>
              <th>Origin</th>
              <th>Size (logical)</th>
              <th>Scale</th>
            </tr>
          </thead>
          <tbody>
            {displays.map((d) => (
              <tr key={d.id} data-testid={`display-${d.id}`}>
                <td>
                  {d.id}
                  {d.primary && <span className="badge">primary</span>}
                </td>
                <td>{d.name}</td>
                <td>
                  {d.x}, {d.y}
                </td>
                <td>
                  {d.width}×{d.height}
                </td>
                <td>{d.scaleFactor}×</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
