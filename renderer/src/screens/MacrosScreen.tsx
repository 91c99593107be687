import { MacroLibrary } from "../components/macros/MacroLibrary.js";
import { MacroEditor } from "../components/macros/MacroEditor.js";
import { MacroPlayPanel } from "../components/macros/MacroPlayPanel.js";
import { MacroRecordPanel } from "../components/macros/MacroRecordPanel.js";
import { SaveRunPanel } from "../components/macros/SaveRunPanel.js";

/** Macros: the library, the open macro's steps and replay, recording, and saving a successful run as a macro. */
export function MacrosScreen() {
  return (
    <>
      <MacroLibrary />
      <MacroEditor />
      <MacroPlayPanel />
      <MacroRecordPanel />
      <SaveRunPanel />
    </>
  );
}
