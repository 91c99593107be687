/** The Models screen (placeholder until its feature lands in the panel). */
export function ModelsScreen() {
  return (
    <section aria-labelledby="models-title">
      <header>
        <h2 id="models-title">Models</h2>
      </header>
      <p className="empty">Not in the panel yet; the command line has it (`deskpilot --help`).</p>
    </section>
  );
}
