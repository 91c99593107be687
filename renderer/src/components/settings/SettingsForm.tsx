import { useState } from "react";
import type { ErrorInfo } from "../../../../electron/shared/ipcContract.js";
import type { Settings } from "../../../../agent/settings/settingsSchema.js";
import type { CoordinateSpace } from "../../../../agent/profiles/coordinateSpace.js";
import type { ProfileId } from "../../../../agent/profiles/ModelProfile.js";
import { useAppStore } from "../../store/StoreContext.js";
import { ErrorNote } from "../ErrorNote.js";
import { ENDPOINT_PRESETS } from "./endpointPresets.js";
import { SettingField } from "./SettingField.js";
import { draftFrom, patchFrom, type DraftProblems, type SettingsDraft } from "./settingsDraft.js";

// Every setting the form shows, by the path the service's errors use.
const FIELDS = [
  "model.profile", "model.coordinates", "engine.gpuLayers", "engine.contextSize", "engine.threads", "imageTokens.min", "imageTokens.max", "zoom",
  "groundingPrompt", "policy.confirmRisky", "policy.dryRun", "policy.inspect", "policy.allowApps", "hotkeys.stop", "hotkeys.pause",
  "endpoint.preset", "endpoint.baseUrl", "endpoint.model", "endpoint.apiKey", "endpoint.profile", "endpoint.coordinates", "localOnly", "hubEndpoint",
] as const;

/** What a model reads and writes (agent/profiles), and the space its coordinates are in; "" is the default. */
// Keyed by the agent's own types, so a family added there fails to compile here until it has a label.
const PROFILE_LABELS: Readonly<Record<ProfileId, string>> = {
  "qwen2.5-vl": "Qwen2.5-VL (tool calls, JSON grounding)",
  "ui-tars-1.5": "UI-TARS-1.5 (Thought / Action)",
  "qwen3-vl": "Qwen3-VL (0–1000, 32-px frames)",
  "gui-owl-1.5": "GUI-Owl-1.5 (Action / tool call, 0–1000)",
  "mai-ui": "MAI-UI (thinking / tool call, 0–999)",
};
const COORDINATE_LABELS: Readonly<Record<CoordinateSpace, string>> = {
  "frame-pixels": "pixels of the image it saw (Qwen2.5-VL, UI-TARS-1.5)",
  "relative-1000": "0–1000 (Qwen3-VL, GUI-Owl-1.5, Qwen2-VL, UI-TARS-1.0)",
  "relative-999": "0–999 (MAI-UI, Qwen3-VL's mobile prompt)",
};
const PROFILE_CHOICES = Object.entries(PROFILE_LABELS);
const COORDINATE_CHOICES = Object.entries(COORDINATE_LABELS);
type Field = (typeof FIELDS)[number];

/** The field an error path belongs to (`policy.allowApps.2` → `policy.allowApps`, `endpoint` → `endpoint.preset`). */
function fieldOf(path: string | undefined): Field | undefined {
  if (!path) return undefined;
  if (path === "endpoint") return "endpoint.preset";
  return FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
}

/** The settings as a form: nothing is sent until Save, and a refused save keeps the edits and says which field. */
export function SettingsForm({ settings }: { settings: Settings }) {
  const saving = useAppStore((s) => s.settingsSaving);
  const saveError = useAppStore((s) => s.settingsSaveError);
  const saved = useAppStore((s) => s.settingsSaved);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const clearStatus = useAppStore((s) => s.clearSettingsStatus);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const [problems, setProblems] = useState<DraftProblems>({});
  const { patch } = patchFrom(draft, settings);
  const dirty = Object.keys(patch).length > 0;

  const edit = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems({});
    if (saved || saveError) clearStatus();
  };
  const serviceField = fieldOf(saveError?.field);
  const errorAt = (field: Field): ErrorInfo | undefined => {
    const local = Object.entries(problems).find(([p]) => fieldOf(p) === field);
    if (local) return { code: "INVALID_SETTING", message: `${field}: ${local[1]}` };
    return serviceField === field ? saveError?.error : undefined;
  };
  const text = (key: keyof SettingsDraft, field: Field, label: string, hint?: string, type = "text") => (
    <SettingField id={`setting-${field}`} label={label} {...(hint ? { hint } : {})} {...withError(errorAt(field))}>
      {(p) => <input {...p} type={type} value={draft[key] as string} onChange={(e) => edit(key, e.target.value)} spellCheck={false} />}
    </SettingField>
  );
  const choose = <K extends keyof SettingsDraft>(key: K, field: Field, label: string, options: ReadonlyArray<readonly [string, string]>, hint?: string) => (
    <SettingField id={`setting-${field}`} label={label} {...(hint ? { hint } : {})} {...withError(errorAt(field))}>
      {(p) => (
        <select {...p} value={draft[key] as string} onChange={(e) => edit(key, e.target.value as SettingsDraft[K])}>
          {options.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      )}
    </SettingField>
  );
  const check = (key: keyof SettingsDraft, field: Field, label: string, hint?: string) => (
    <SettingField id={`setting-${field}`} label={label} {...(hint ? { hint } : {})} {...withError(errorAt(field))}>
      {(p) => <input {...p} type="checkbox" checked={draft[key] as boolean} onChange={(e) => edit(key, e.target.checked)} />}
    </SettingField>
  );

  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        const next = patchFrom(draft, settings);
        setProblems(next.problems);
        if (Object.keys(next.problems).length === 0 && dirty) void saveSettings(next.patch);
      }}
    >
      <fieldset>
        <legend>Model</legend>
        <p>
          {settings.model.files ? (
            <>
              Your own files: <code>{settings.model.files.model}</code> with <code>{settings.model.files.mmproj}</code>
            </>
          ) : (
            <>
              <code>{settings.model.id}</code>
              {settings.model.quant && ` (${settings.model.quant})`}
            </>
          )}{" "}
          <span className="note">— choose it on the Models screen.</span>
        </p>
        {choose("modelProfile", "model.profile", "How the model answers", [["", "as its catalog entry says (your own files: their projector's family)"], ...PROFILE_CHOICES])}
        {choose("modelCoordinates", "model.coordinates", "The model's coordinates", [["", "as its format does"], ...COORDINATE_CHOICES])}
      </fieldset>
      <fieldset>
        <legend>Engine</legend>
        {text("gpuLayers", "engine.gpuLayers", "GPU layers", "auto: as many as fit; max: all; a number: that many; 0: CPU only")}
        {text("contextSize", "engine.contextSize", "Context size (tokens)", "auto: room for the last three screenshots at the maximum image tokens; or 2048 to 131072")}
        {text("threads", "engine.threads", "CPU threads", "0: all hardware threads", "number")}
      </fieldset>
      <fieldset>
        <legend>Screenshots</legend>
        {text("minImageTokens", "imageTokens.min", "Minimum image tokens", "grounding needs at least 1024", "number")}
        {text("maxImageTokens", "imageTokens.max", "Maximum image tokens", "more is sharper and slower; 4096 fits 2560×1440", "number")}
        {check("zoom", "zoom", "Zoom in to refine clicks", "ground again on a close-up around the first hit")}
        {choose("groundingPrompt", "groundingPrompt", "Grounding prompt", [["json", "JSON: point_2d / bbox_2d"], ["tool-call", "a left_click tool call (as ScreenSpot was scored)"]], "how Qwen2.5-VL is asked where things are; deskpilot eval compares both")}
      </fieldset>
      <fieldset>
        <legend>Safety</legend>
        {check("confirmRisky", "policy.confirmRisky", "Ask before risky actions", "passwords, destructive keys, words like delete or pay, apps off the list below")}
        {check("dryRun", "policy.dryRun", "Dry run: plan, send no input")}
        {choose("inspect", "policy.inspect", "Check each action's target with the model", [["", "with a GPU only (each check is another image)"], ["on", "always"], ["off", "never"]], "lets the policy see a Send button or a password field before acting")}
        <SettingField id="setting-policy.allowApps" label="Allowed apps (one per line)" hint="empty: any app; risky actions still ask first in every app" {...withError(errorAt("policy.allowApps"))}>
          {(p) => <textarea {...p} rows={3} value={draft.allowApps} onChange={(e) => edit("allowApps", e.target.value)} spellCheck={false} />}
        </SettingField>
      </fieldset>
      <fieldset>
        <legend>Hotkeys</legend>
        {text("stopHotkey", "hotkeys.stop", "Emergency stop", "the stop key: stops every run and macro replay before its next input event, and ends a recording; watched in the app, under deskpilot serve and by the CLI (--stop-key)")}
        {text("pauseHotkey", "hotkeys.pause", "Pause and resume")}
      </fieldset>
      <fieldset>
        <legend>Model server</legend>
        <SettingField id="setting-endpoint.preset" label="Where the model runs" hint="an OpenAI-compatible server instead of the built-in engine" {...withError(errorAt("endpoint.preset"))}>
          {(p) => (
            <select
              {...p}
              value={draft.endpointPreset}
              onChange={(e) => {
                const preset = e.target.value as SettingsDraft["endpointPreset"];
                edit("endpointPreset", preset);
                if (preset !== "" && preset !== "custom") edit("endpointBaseUrl", ENDPOINT_PRESETS[preset].baseUrl);
              }}
            >
              <option value="">Built-in engine (this machine)</option>
              {Object.entries(ENDPOINT_PRESETS).map(([name, p]) => (
                <option key={name} value={name}>
                  {p.label} ({p.baseUrl})
                </option>
              ))}
              <option value="custom">Other server</option>
            </select>
          )}
        </SettingField>
        {draft.endpointPreset !== "" && (
          <>
            {text("endpointBaseUrl", "endpoint.baseUrl", "Base URL", "with local-only on, only a server on this machine (loopback) is allowed")}
            {draft.localOnly && !onLoopback(draft.endpointBaseUrl) && (
              <p className="warning" role="note">
                Local-only is on, so DeskPilot will refuse to connect to this address: use a server on this machine (127.0.0.1), or turn local-only off below.
              </p>
            )}
            {text("endpointModel", "endpoint.model", "Model name on the server")}
            {text("endpointApiKey", "endpoint.apiKey", "API key (if the server needs one)", undefined, "password")}
            {choose("endpointProfile", "endpoint.profile", "How the server's model answers", [["", "Qwen2.5-VL (the default)"], ...PROFILE_CHOICES.slice(1)])}
            {choose("endpointCoordinates", "endpoint.coordinates", "The server model's coordinates", [["", "as its format does"], ...COORDINATE_CHOICES])}
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        {check("localOnly", "localOnly", "Local only", "no connection leaves this machine except a model download you start")}
        {text("hubEndpoint", "hubEndpoint", "Model hub", "where downloads come from: Hugging Face or a mirror (HF_ENDPOINT overrides it)")}
      </fieldset>
      {saveError && !serviceField && <ErrorNote error={saveError.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving || !dirty}>
          {saving ? "Saving…" : "Save settings"}
        </button>
        <button
          type="button"
          disabled={saving || !dirty}
          onClick={() => {
            setDraft(draftFrom(settings));
            setProblems({});
            clearStatus();
          }}
        >
          Discard changes
        </button>
        {saved && !dirty && (
          <span className="outcome" role="status">
            Saved.
          </span>
        )}
        {saveError && (
          <span className="error" role="status">
            Not saved: nothing was changed.
          </span>
        )}
      </div>
    </form>
  );
}

function withError(error: ErrorInfo | undefined): { error?: ErrorInfo } {
  return error ? { error } : {};
}

/** Whether a URL points at this machine; an unparsable one counts as not (the service will say why). */
function onLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return url.trim() === "";
  }
}
