/**
 * The emergency-stop key of every run and macro replay, and the key that ends a recording, unless
 * the settings' `hotkeys.stop` names another. One chord, named the same in the settings, the CLI's
 * `--stop-key`, the README and the panel, and chosen because:
 * - libuiohook sees it on X11, also when it arrives through XTEST (the e2e tests press it so;
 *   Pause does not reach the hook from XTEST), and it is an F-key with modifiers, so it is the
 *   same key on every keyboard layout (the hook reads key positions, Electron reads key symbols,
 *   which differ for letters on Dvorak or AZERTY);
 * - Electron's globalShortcut registers it on Linux, Windows and macOS (Windows reserves F12 for
 *   debuggers; every laptop and Mac keyboard has F9, many have no Scroll Lock);
 * - no common desktop binds it (KDE binds Ctrl+Alt+Esc to xkill, Ctrl+Alt+F1…F12 switch the Linux
 *   virtual terminal, Ctrl+Shift+Esc is Windows' Task Manager, macOS's Mission Control takes F9–F11
 *   without modifiers only), and a model asking for it by accident is as unlikely as a key gets.
 */
export const DEFAULT_STOP_KEY = "Ctrl+Shift+F9";
