/** What every CLI command gets: where to write its JSON document and its human output. */
export interface CliContext {
  /** stdout: one JSON document with --json, else human-readable results. */
  readonly out: NodeJS.WritableStream;
  /** stderr: progress and logs. */
  readonly err: NodeJS.WritableStream;
}

/** Writes `value` as the command's one JSON document. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.out.write(`${JSON.stringify(value, null, 2)}\n`);
}
