/** The Macros screen (placeholder until its feature lands in the panel). */
export function MacrosScreen() {
  return (
    <section aria-labelledby="macros-title">
      <header>
        <h2 id="macros-title">Macros</h2>
      </header>
      <p className="empty">Not in the panel yet; the command line has it (`deskpilot --help`).</p>
    </section>
  );
}
