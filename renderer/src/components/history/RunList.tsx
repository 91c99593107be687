import type { RunSummary } from "../../../../agent/runs/RunHistoryApi.js";
import { formatMs } from "../task/StepTimeline.js";

/** Past runs, newest first: one row each, opened by its task. */
export function RunList({ runs, opened, onOpen }: { runs: readonly RunSummary[]; opened?: string; onOpen: (runId: string) => void }) {
  return (
    <table className="run-list">
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Status</th>
          <th scope="col">Steps</th>
          <th scope="col">Started</th>
          <th scope="col">Took</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.runId} data-testid={`run-${r.runId}`} aria-current={r.runId === opened ? "true" : undefined}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(r.runId)} title={`Open run ${r.runId}`}>
                {r.task || "(task not recorded: the run failed while starting)"}
              </button>
              {r.dryRun && <span className="badge">dry run</span>}
            </td>
            <td className={`status-${r.status ?? "unfinished"}`} title={r.reason}>
              {r.status ?? "unfinished"}
            </td>
            <td>{r.steps}</td>
            <td>
              <time dateTime={r.startedAt}>{new Date(r.startedAt).toLocaleString()}</time>
            </td>
            <td>{r.totalMs !== undefined && r.steps > 0 ? formatMs(r.totalMs) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
