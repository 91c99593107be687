import { useEffect, useRef } from "react";
import type { ConfirmPrompt } from "../../store/runsSlice.js";
import { describeAction } from "./describeAction.js";

/**
 * The policy's question for one risky action (docs/design.md §8): what the agent wants to do and why
 * the policy stopped it. Modal; Escape and Deny refuse, and Deny has the focus, so a stray
 * Enter never allows anything.
 */
export function ConfirmDialog({ prompt, onAnswer }: { prompt: ConfirmPrompt; onAnswer: (allow: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const deny = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    deny.current?.focus();
    return () => el?.close();
  }, [prompt.requestId]);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-reason"
      onCancel={(e) => {
        e.preventDefault();
        onAnswer(false);
      }}
    >
      <h2 id="confirm-title">Allow this action?</h2>
      <p>
        The agent wants to <code data-testid="confirm-action">{describeAction(prompt.action)}</code>
      </p>
      <p id="confirm-reason" className="confirm-reason">
        Why DeskPilot asks: {prompt.reason}
      </p>
      <details>
        <summary>Action as sent (screen pixels)</summary>
        <pre>{JSON.stringify(prompt.action)}</pre>
      </details>
      <div className="confirm-buttons">
        <button type="button" ref={deny} onClick={() => onAnswer(false)}>
          Deny
        </button>
        <button type="button" className="danger" onClick={() => onAnswer(true)}>
          Allow
        </button>
      </div>
    </dialog>
  );
}
