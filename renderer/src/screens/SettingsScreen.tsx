/** The Settings screen (placeholder until its feature lands in the panel). */
export function SettingsScreen() {
  return (
    <section aria-labelledby="settings-title">
      <header>
        <h2 id="settings-title">Settings</h2>
      </header>
      <p className="empty">Not in the panel yet; the command line has it (`deskpilot --help`).</p>
    </section>
  );
}
