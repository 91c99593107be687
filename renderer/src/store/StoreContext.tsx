import { createContext, useContext, type ReactNode } from "react";
import { useStore, type StoreApi } from "zustand";
import type { AppState } from "./AppState.js";

const StoreContext = createContext<StoreApi<AppState> | undefined>(undefined);

/** Makes one app store available to the component tree. */
export function StoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Selects from the app store; components re-render only when their selection changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useAppStore needs a <StoreProvider> above it");
  return useStore(store, selector);
}
