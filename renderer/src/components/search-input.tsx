// The search box of a list: search icon, clear button, and the "/" shortcut that focuses it.
import type { InputHTMLAttributes } from 'react';
import { Kbd } from './page-header';
import { CloseIcon, SearchIcon } from './icons';

type SearchInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'type'> & {
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** The page's main search answers the "/" shortcut. */
  shortcut?: boolean;
  busy?: boolean;
};

export function SearchInput({ value, onChange, label, shortcut = false, busy = false, className = '', ...rest }: SearchInputProps) {
  return (
    <div className={`relative ${className}`}>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-subtle" />
      <input
        type="search"
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            e.stopPropagation();
            onChange('');
          }
        }}
        data-page-search={shortcut || undefined}
        aria-busy={busy || undefined}
        className="block h-control w-full rounded-control bg-surface pr-16 pl-9 text-body text-ink shadow-xs ring-1 ring-line-strong ring-inset placeholder:text-ink-subtle/80 focus:ring-2 focus:ring-primary focus:outline-none [&::-webkit-search-cancel-button]:hidden"
        {...rest}
      />
      <div className="absolute inset-y-0 right-2 flex items-center gap-1">
        {value ? (
          <button
            type="button"
            onClick={() => onChange('')}
            className="rounded p-1 text-ink-subtle hover:bg-ink/5 hover:text-ink"
            aria-label={`Clear ${label.toLowerCase()}`}
          >
            <CloseIcon className="size-3.5" />
          </button>
        ) : shortcut ? (
          <Kbd>/</Kbd>
        ) : null}
      </div>
    </div>
  );
}
