import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { moveSelection, nearEnd, rowWindow, scrollToRow } from '../../features/records/windowing';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  keyOf(item: T): string | number;
  renderRow(item: T, index: number, selected: boolean): ReactNode;
  selectedIndex: number;
  onSelect(index: number): void;
  /** Near the end of what is loaded: load the next page. */
  onEndReached?(): void;
  label: string;
  testId: string;
  /** Changes when something asks the list to take focus. */
  focusSeq?: number;
  empty?: ReactNode;
}

/**
 * A windowed listbox: only the rows in view (and a few either side) are in the DOM, so a list with a
 * year of loaded pages scrolls as lightly as one with ten. Keyboard: arrows, PgUp/PgDn, Home/End.
 */
export function VirtualList<T>(p: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const { items, rowHeight, onEndReached } = p;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewport(el.clientHeight || 400);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight || 400));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (p.focusSeq !== undefined) ref.current?.focus();
  }, [p.focusSeq]);
  const win = rowWindow(scrollTop, viewport, rowHeight, items.length);
  useEffect(() => {
    if (onEndReached && items.length > 0 && nearEnd(scrollTop, viewport, win.total)) onEndReached();
  }, [scrollTop, viewport, win.total, items.length, onEndReached]);

  const select = (i: number) => {
    p.onSelect(i);
    const el = ref.current;
    if (!el) return;
    const next = scrollToRow(i, el.scrollTop, el.clientHeight, rowHeight);
    if (next !== el.scrollTop) el.scrollTop = next;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const next = moveSelection(e.key, Math.max(p.selectedIndex, e.key === 'ArrowDown' ? -1 : 0), items.length, page);
    if (next === null) return;
    e.preventDefault();
    select(next);
  };
  const active = p.selectedIndex >= 0 ? `${p.testId}-opt-${p.selectedIndex}` : undefined;

  return (
    <div
      ref={ref}
      className="vlist"
      role="listbox"
      aria-label={p.label}
      aria-activedescendant={active}
      tabIndex={0}
      data-testid={p.testId}
      data-count={items.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      {items.length === 0 && p.empty}
      <div style={{ height: win.total, position: 'relative' }}>
        <div style={{ transform: `translateY(${win.offset}px)` }}>
          {items.slice(win.start, win.end).map((item, k) => {
            const i = win.start + k;
            const selected = i === p.selectedIndex;
            return (
              <div
                key={p.keyOf(item)}
                id={`${p.testId}-opt-${i}`}
                role="option"
                aria-selected={selected}
                aria-setsize={items.length}
                aria-posinset={i + 1}
                className={selected ? 'vlist__row vlist__row--selected' : 'vlist__row'}
                style={{ height: rowHeight }}
                onClick={() => select(i)}
              >
                {p.renderRow(item, i, selected)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
