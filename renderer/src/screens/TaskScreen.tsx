/** The Task screen (placeholder until its feature lands in the panel). */
export function TaskScreen() {
  return (
    <section aria-labelledby="task-title">
      <header>
        <h2 id="task-title">Task</h2>
      </header>
      <p className="empty">Not in the panel yet; the command line has it (`deskpilot --help`).</p>
    </section>
  );
}
