import { useId, useState, type KeyboardEvent, type Ref } from 'react';

interface Props {
  value: string;
  onChange(value: string): void;
  categories: readonly string[];
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** Categories that start with what was typed first, then those containing it. */
export function matchCategories(categories: readonly string[], typed: string): string[] {
  const t = typed.trim().toLowerCase();
  if (!t) return [...categories];
  const starts = categories.filter((c) => c.toLowerCase().startsWith(t));
  const contains = categories.filter((c) => !starts.includes(c) && c.toLowerCase().includes(t));
  return [...starts, ...contains];
}

/**
 * Type-ahead category picker (combobox): type a few letters, ↑/↓ to choose, Tab or Enter to take the
 * highlighted category. Enter on an exact category leaves it to the form (save).
 */
export function CategoryPicker({ value, onChange, categories, error, ref }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = matchCategories(categories, value).slice(0, 8);
  const exact = categories.some((c) => c === value);
  const showing = open && !exact && matches.length > 0;
  const take = (c: string) => {
    onChange(c);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const n = matches.length || 1;
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && showing && matches[active]) {
      if (e.key === 'Enter') e.preventDefault();
      take(matches[active]!);
    } else if (e.key === 'Escape' && showing) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };
  return (
    <div className="field combo">
      <label htmlFor={id}>Category</label>
      <input
        ref={ref}
        id={id}
        role="combobox"
        aria-expanded={showing}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showing ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        data-testid="incident-category"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showing && (
        <ul className="combo__list" role="listbox" id={`${id}-list`} data-testid="incident-category-options">
          {matches.map((c, i) => (
            <li
              key={c}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'combo__opt combo__opt--active' : 'combo__opt'}
              onMouseDown={(e) => {
                e.preventDefault();
                take(c);
              }}
            >
              {c}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <small id={`${id}-error`} className="field__error" role="alert" data-testid="incident-category-error">
          {error}
        </small>
      )}
    </div>
  );
}
