import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { selectPermissions } from '../auth/authSlice';
import { resolveView, type View } from './navigation';

export interface NavSlice {
  /** The view asked for; null: the user's first view. What is shown is `selectView`. */
  view: View | null;
  setView(view: View): void;
}

export const createNavSlice: StateCreator<ConsoleState, [], [], NavSlice> = (set) => ({
  view: null,
  setView: (view) => set({ view }),
});

/** The view on screen: the one asked for when the user may open it, else their first. */
export const selectView = (s: ConsoleState): View | null => resolveView(s.view, selectPermissions(s));
