import { useEffect, type RefObject } from 'react';
import type { FocusTarget } from '../../features/records/occurrenceSlice';
import { useConsoleStore } from '../../store/StoreContext';

/** Focuses `ref` whenever a shortcut asks for `target` (each request has a new sequence number). */
export function useFocusRequest(target: FocusTarget, ref: RefObject<HTMLElement | null>): void {
  const seq = useConsoleStore((s) => (s.occurrences.focus?.target === target ? s.occurrences.focus.seq : null));
  useEffect(() => {
    if (seq !== null) ref.current?.focus();
  }, [seq, ref]);
}
