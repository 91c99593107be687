import { ModelDecider } from "../loop/ModelDecider.js";
import type { LoadedRunModel } from "../loop/RunsController.js";
import { ModelTargetInspector } from "../policy/ModelTargetInspector.js";
import { ScreenTextInspector } from "../policy/ScreenTextInspector.js";
import { combineInspectors } from "../policy/TargetInfo.js";
import { profileOf, type ProfileChoice } from "../profiles/sourceProfile.js";
import type { VisionModel } from "../vision/VisionModel.js";

/**
 * What a run asks of a loaded model, built the same way by the app service and `deskpilot run`:
 * the decider, in the family the model's source names, with its step grammar offered (the local
 * engine applies it; a remote endpoint only when told to send it), owning the model it is given
 * (the app's borrowed model gives its lease back on dispose). With `inspectors`, the policy also
 * asks the same model what each click or typing lands on ("Send", a password field) and for
 * instruction-like text on the screen before typing, on its one-off sequence, so the decider's
 * kept conversation is untouched.
 */
export function modelRunParts(model: VisionModel, source: ProfileChoice, inspectors: boolean): LoadedRunModel {
  const decider = new ModelDecider(model, { grammar: true, ownsModel: true, ...profileOf(source) });
  return inspectors ? { decider, inspector: combineInspectors(new ModelTargetInspector(model), new ScreenTextInspector(model)) } : { decider };
}
