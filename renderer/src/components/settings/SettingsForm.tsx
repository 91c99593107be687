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
import { FIELD_LABELS, fieldOf, type Field } from "./settingFields.js";
import { SettingsRefusal } from "./SettingsRefusal.js";
import type { SettingsIssue } from "../../store/settingsSlice.js";

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
  // What stops the save, all at once: what the form can tell itself (not a number), else what the service refused.
  const issues: SettingsIssue[] =
    Object.keys(problems).length > 0 ? Object.entries(problems).map(([path, message]) => ({ path, message })) : [...(saveError?.issues ?? [])];
  const errorAt = (field: Field): ErrorInfo | undefined => {
    const here = issues.filter((i) => fieldOf(i.path) === field);
    return here.length > 0 ? { code: "INVALID_SETTING", message: here.map((i) => `${i.path}: ${i.message}`).join("; ") } : undefined;
  };
  const text = (key: keyof SettingsDraft, field: Field, hint?: string, type = "text") => (
    <SettingField id={`setting-${field}`} label={FIELD_LABELS[field]} {...(hint ? { hint } : {})} {...withError(errorAt(field))}>
      {(p) => <input {...p} type={type} value={draft[key] as string} onChange={(e) => edit(key, e.target.value)} spellCheck={false} />}
    </SettingField>
  );
  const choose = <K extends keyof SettingsDraft>(key: K, field: Field, options: ReadonlyArray<readonly [string, string]>, hint?: string) => (
    <SettingField id={`setting-${field}`} label={FIELD_LABELS[field]} {...(hint ? { hint } : {})} {...withError(errorAt(field))}>
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
  const check = (key: keyof SettingsDraft, field: Field, hint?: string) => (
    <SettingField id={`setting-${field}`} label={FIELD_LABELS[field]} {...(hint ? { hint } : {})} {...withError(errorAt(field))}>
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
        {choose("modelProfile", "model.profile", [["", "as its catalog entry says (your own files: their projector's family)"], ...PROFILE_CHOICES])}
        {choose("modelCoordinates", "model.coordinates", [["", "as its format does"], ...COORDINATE_CHOICES])}
      </fieldset>
      <fieldset>
        <legend>Engine</legend>
        {text("gpuLayers", "engine.gpuLayers", "auto: as many as fit; max: all; a number: that many; 0: CPU only")}
        {text("contextSize", "engine.contextSize", "auto: room for the last three screenshots at the maximum image tokens; or 2048 to 131072")}
        {text("threads", "engine.threads", "0: all hardware threads", "number")}
      </fieldset>
      <fieldset>
        <legend>Screenshots</legend>
        {text("minImageTokens", "imageTokens.min", "grounding needs at least 1024", "number")}
        {text("maxImageTokens", "imageTokens.max", "more is sharper and slower; 4096 fits 2560×1440", "number")}
        {check("zoom", "zoom", "ground again on a close-up around the first hit")}
        {choose(
          "groundingPrompt",
          "groundingPrompt",
          [
            ["json", "JSON: point_2d / bbox_2d"],
            ["tool-call", "a left_click tool call (as ScreenSpot was scored)"],
          ],
          "how Qwen2.5-VL is asked where things are; deskpilot eval compares both",
        )}
      </fieldset>
      <fieldset>
        <legend>Safety</legend>
        {check("confirmRisky", "policy.confirmRisky", "passwords, destructive keys, words like delete or pay, apps off the list below")}
        {check("dryRun", "policy.dryRun")}
        {choose(
          "inspect",
          "policy.inspect",
          [
            ["", "with a GPU only (each check is another image)"],
            ["on", "always"],
            ["off", "never"],
          ],
          "lets the policy see a Send button or a password field before acting",
        )}
        <SettingField
          id="setting-policy.allowApps"
          label={FIELD_LABELS["policy.allowApps"]}
          hint="empty: any app; risky actions still ask first in every app"
          {...withError(errorAt("policy.allowApps"))}
        >
          {(p) => <textarea {...p} rows={3} value={draft.allowApps} onChange={(e) => edit("allowApps", e.target.value)} spellCheck={false} />}
        </SettingField>
      </fieldset>
      <fieldset>
        <legend>Hotkeys</legend>
        {text(
          "stopHotkey",
          "hotkeys.stop",
          "the stop key: stops every run and macro replay before its next input event, and ends a recording; watched in the app, under deskpilot serve and by the CLI (--stop-key)",
        )}
        {text("pauseHotkey", "hotkeys.pause")}
      </fieldset>
      <fieldset>
        <legend>Model server</legend>
        <SettingField
          id="setting-endpoint.preset"
          label={FIELD_LABELS["endpoint.preset"]}
          hint="an OpenAI-compatible server instead of the built-in engine"
          {...withError(errorAt("endpoint.preset"))}
        >
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
            {text("endpointBaseUrl", "endpoint.baseUrl", "with local-only on, only a server on this machine (loopback) is allowed")}
            {draft.localOnly && !onLoopback(draft.endpointBaseUrl) && (
              <p className="warning" role="note">
                Local-only is on, so DeskPilot will refuse to connect to this address: use a server on this machine (127.0.0.1), or turn local-only off below.
              </p>
            )}
            {text("endpointModel", "endpoint.model")}
            {text("endpointApiKey", "endpoint.apiKey", undefined, "password")}
            {choose("endpointProfile", "endpoint.profile", [["", "Qwen2.5-VL (the default)"], ...PROFILE_CHOICES.slice(1)])}
            {choose("endpointCoordinates", "endpoint.coordinates", [["", "as its format does"], ...COORDINATE_CHOICES])}
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        {check("localOnly", "localOnly", "no connection leaves this machine except a model download you start")}
        {text("hubEndpoint", "hubEndpoint", "where downloads come from: Hugging Face or a mirror (HF_ENDPOINT overrides it)")}
      </fieldset>
      {issues.length > 0 && <SettingsRefusal issues={issues} sent={Object.keys(problems).length === 0} />}
      {saveError && saveError.issues.length === 0 && <ErrorNote error={saveError.error} />}
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
        {saveError && saveError.issues.length === 0 && (
          <span className="error" role="status">
            Not saved: {saveError.error.code === "DISCONNECTED" ? "DeskPilot could not be reached" : "the service reported an error"} (above). Your edits are
            still here; save again when it is fixed.
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
