/** Shown when the page has no way to reach the service (opened outside the app). */
export function NoTransport() {
  return (
    <main>
      <h1>DeskPilot</h1>
      <p className="error" role="alert">
        <code>NO_TRANSPORT</code> This control panel talks to DeskPilot through the desktop app (<code>npm start</code>) or, in a browser, through{" "}
        <code>deskpilot serve</code>: open the URL it prints.
      </p>
    </main>
  );
}
