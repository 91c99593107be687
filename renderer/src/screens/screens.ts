/** The panel's screens, in tab order; Task is where the panel opens. */
export const SCREENS = [
  { id: "task", title: "Task" },
  { id: "history", title: "History" },
  { id: "models", title: "Models" },
  { id: "macros", title: "Macros" },
  { id: "settings", title: "Settings" },
  { id: "tools", title: "Tools" },
] as const;

export type ScreenId = (typeof SCREENS)[number]["id"];
