/** The empty state of a panel with no model (startRun refused with MODEL_NOT_INSTALLED or UNKNOWN_MODEL): what happened and where to get one. */
export function NoModelNote({ reason }: { reason: string }) {
  return (
    <section aria-labelledby="no-model-title" className="no-model">
      <header>
        <h2 id="no-model-title">No model yet</h2>
      </header>
      <p>DeskPilot needs a vision model to see the screen and decide what to do: the run did not start, and nothing on the screen was touched.</p>
      <p className="error" role="alert">
        {reason}
      </p>
      <p>
        Open the <b>Models</b> tab and download Qwen2.5-VL (the 3B model, about 3 GB, runs on most machines), or set a remote
        endpoint in <b>Settings</b>. Then press Run again.
      </p>
    </section>
  );
}
