import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleState, ConsoleStore } from './createStore';

const StoreContext = createContext<ConsoleStore | null>(null);

export function StoreProvider({ store, children }: { store: ConsoleStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useConsoleStoreApi(): ConsoleStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsoleStore outside <StoreProvider>');
  return store;
}

/** Reads the console store with a selector (use `useShallow` for multi-field picks). */
export function useConsoleStore<T>(selector: (s: ConsoleState) => T): T {
  return useStore(useConsoleStoreApi(), selector);
}
