import type { Macro, MacroStep } from "../../store/macrosSlice.js";
import { deleteStep, insertWait, moveStep, updateStep } from "../../store/macrosSlice.js";

type Target = Extract<MacroStep, { target: unknown }>["target"];

/** A whole number of milliseconds from an input (empty: 0), so the service sees a number and checks its range. */
const ms = (value: string) => (value.trim() === "" ? 0 : Number(value));

/** One step of the open macro: what it does, its editable fields, and moving, deleting and adding a wait after it. */
export function StepRow({ macro, index, edit }: { macro: Macro; index: number; edit: (e: (m: Macro) => Macro) => void }) {
  const step = macro.steps[index]!;
  const n = index + 1;
  const id = `macro-step-${n}`;
  const set = (update: (s: MacroStep) => MacroStep) => edit((m) => updateStep(m, index, update));
  const target = (t: Target, which: "target" | "to", label: string) => (
    <div className="macro-target">
      {t.crop && <img alt={`Crop of step ${n}${which === "to" ? " (drop)" : ""}`} src={`data:image/png;base64,${t.crop.png}`} />}
      <label htmlFor={`${id}-${which}`}>{label}</label>
      <input
        id={`${id}-${which}`}
        value={t.description}
        placeholder="what the element is, for finding it by the model"
        onChange={(e) => set((s) => ({ ...s, [which]: { ...t, description: e.target.value } }))}
      />
      <span className="macro-point">
        at ({t.point.x}, {t.point.y})
      </span>
    </div>
  );

  return (
    <li aria-label={`Step ${n}`} className="macro-step">
      <div className="row">
        <strong>
          {n}. {step.kind}
          {step.kind === "click" && (step.count === 2 ? " (double)" : step.button !== "left" ? ` (${step.button})` : "")}
          {step.kind === "key" && `: ${step.keys.join("+")}`}
          {step.kind === "scroll" && `: ${step.pixels} px`}
        </strong>
        <span className="macro-step-buttons">
          <button type="button" aria-label={`Move step ${n} up`} disabled={index === 0} onClick={() => edit((m) => moveStep(m, index, -1))}>
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move step ${n} down`}
            disabled={index === macro.steps.length - 1}
            onClick={() => edit((m) => moveStep(m, index, 1))}
          >
            ↓
          </button>
          <button type="button" aria-label={`Add a wait after step ${n}`} onClick={() => edit((m) => insertWait(m, index))}>
            + wait
          </button>
          <button type="button" aria-label={`Delete step ${n}`} onClick={() => edit((m) => deleteStep(m, index))}>
            Delete
          </button>
        </span>
      </div>
      {step.kind === "type" && (
        <>
          <label htmlFor={`${id}-text`}>Text of step {n}</label>
          <input id={`${id}-text`} value={step.text} onChange={(e) => set((s) => ({ ...s, text: e.target.value }) as MacroStep)} />
        </>
      )}
      {step.kind === "wait" && (
        <>
          <label htmlFor={`${id}-ms`}>Wait of step {n} (ms)</label>
          <input
            id={`${id}-ms`}
            type="number"
            min={0}
            step={100}
            value={step.ms}
            onChange={(e) => set((s) => ({ ...s, ms: ms(e.target.value) }) as MacroStep)}
          />
        </>
      )}
      {"target" in step && target(step.target, "target", `Description of step ${n}`)}
      {step.kind === "drag" && target(step.to, "to", `Description of step ${n} (drop)`)}
      {step.kind !== "wait" && (
        <div>
          <label htmlFor={`${id}-before`}>Wait before step {n} (ms)</label>
          <input
            id={`${id}-before`}
            type="number"
            min={0}
            step={100}
            value={step.waitBeforeMs}
            onChange={(e) => set((s) => ({ ...s, waitBeforeMs: ms(e.target.value) }))}
          />
        </div>
      )}
    </li>
  );
}
