/** Shown when the page has no way to reach the service (opened outside the app). */
export function NoTransport() {
  return (
    <main>
      <h1>DeskPilot</h1>
      <p className="error" role="alert">
        <code>NO_TRANSPORT</code> This control panel talks to DeskPilot through the desktop app. Start it with{" "}
        <code>npm start</code>.
      </p>
    </main>
  );
}
