import { useState } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { ErrorNote } from "./ErrorNote.js";

/** Captures one display at native resolution and shows it. */
export function CapturePanel() {
  const displays = useAppStore((s) => s.displays);
  const capture = useAppStore((s) => s.capture);
  const capturing = useAppStore((s) => s.capturing);
  const error = useAppStore((s) => s.captureError);
  const takeCapture = useAppStore((s) => s.takeCapture);
  // Empty means "the primary display", which is also what the service defaults to.
  const [displayId, setDisplayId] = useState("");

  return (
    <section aria-labelledby="capture-title">
      <header>
        <h2 id="capture-title">Capture</h2>
        <label>
          Display{" "}
          <select value={displayId} onChange={(e) => setDisplayId(e.target.value)}>
            <option value="">primary</option>
            {displays?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.id} ({d.name})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void takeCapture(displayId || undefined)} disabled={capturing}>
          {capturing ? "Capturing…" : "Capture"}
        </button>
      </header>
      {error && <ErrorNote error={error} />}
      {!error && !capture && <p className="empty">No capture yet: press Capture to see what DeskPilot sees.</p>}
      {capture && (
        <figure>
          <img src={capture.url} alt={`Capture of display ${capture.display.id}`} />
          <figcaption>
            Display {capture.display.id}: {capture.width}×{capture.height} native pixels in {Math.round(capture.ms)} ms
          </figcaption>
        </figure>
      )}
    </section>
  );
}
