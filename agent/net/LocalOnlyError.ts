import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Local-only mode refused a connection to a host that is not this machine. */
export class LocalOnlyError extends DeskPilotError {
  readonly host: string;

  constructor(host: string, purpose: string) {
    super(
      "LOCAL_ONLY",
      `local-only mode refused a connection to ${host} (${purpose}): it is not on this machine. ` +
        'Use an address on 127.0.0.1/localhost, or turn local-only mode off in DeskPilot\'s settings ("localOnly": false)',
    );
    this.host = host;
  }
}
