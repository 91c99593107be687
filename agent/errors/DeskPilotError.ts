/** Base of every error DeskPilot reports: a stable `code` and a message that says what to do next. */
export class DeskPilotError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** The shape errors take when they cross a process or IPC boundary. */
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}
