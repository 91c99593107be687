import { useState } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { ErrorNote } from "../ErrorNote.js";

/** Records global input into a new macro: start, then stop here with a name (or press the stop key, then name it). */
export function MacroRecordPanel() {
  const state = useAppStore((s) => s.macroRecording);
  const note = useAppStore((s) => s.macroRecordNote);
  const error = useAppStore((s) => s.macroRecordError);
  const start = useAppStore((s) => s.startMacroRecording);
  const stop = useAppStore((s) => s.stopMacroRecording);
  const discard = useAppStore((s) => s.discardMacroRecording);
  const stopKey = useAppStore((s) => s.loadedSettings?.settings.hotkeys.stop) ?? "the stop key";
  const [name, setName] = useState("");
  const active = state === "recording" || state === "stopped" || state === "saving";
  // What the stop key said is the headline once it is pressed; below it would repeat it.
  const shownNote = state === "stopped" ? undefined : note;

  return (
    <section aria-labelledby="macro-record-title">
      <header>
        <h2 id="macro-record-title">Record</h2>
      </header>
      {!active ? (
        <div className="row">
          <p className="empty">Records your mouse and keyboard anywhere on the desktop, except DeskPilot&apos;s own windows.</p>
          <button type="button" disabled={state === "starting"} onClick={() => void start()}>
            {state === "starting" ? "Starting…" : "Start recording"}
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void stop(name.trim());
          }}
        >
          {state === "stopped" ? (
            <p role="status">The stop key ended the recording: nothing more is recorded. Name the macro and save it, or discard it.</p>
          ) : (
            <p role="status">Recording… do the task now; press {stopKey} or stop here when done.</p>
          )}
          <label htmlFor="macro-record-name">Save the recording as</label>
          <input id="macro-record-name" required value={name} placeholder="macro name" onChange={(e) => setName(e.target.value)} />
          <div className="row">
            <button type="submit" disabled={state === "saving"}>
              {state === "stopped" ? "Save" : "Stop and save"}
            </button>
            <button type="button" onClick={() => void discard()}>
              Discard
            </button>
          </div>
        </form>
      )}
      {shownNote && <p className="empty">{shownNote}</p>}
      {error && <ErrorNote error={error} />}
    </section>
  );
}
