/** The History screen (placeholder until its feature lands in the panel). */
export function HistoryScreen() {
  return (
    <section aria-labelledby="history-title">
      <header>
        <h2 id="history-title">History</h2>
      </header>
      <p className="empty">Not in the panel yet; the command line has it (`deskpilot --help`).</p>
    </section>
  );
}
