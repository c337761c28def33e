// The placeholders an Admin may use, as buttons that insert one at the cursor of the field last typed in.
import { PLACEHOLDERS, type PlaceholderName } from '../../../../core/domain/templates';

export function PlaceholderPalette({ onInsert, disabled = false }: { onInsert: (name: PlaceholderName) => void; disabled?: boolean }) {
  return (
    <div role="group" aria-label="Placeholders" className="flex flex-wrap gap-1.5">
      {PLACEHOLDERS.map((p) => (
        <button
          key={p.name}
          type="button"
          disabled={disabled}
          title={p.description}
          // Keep the caret where it is: a mousedown would move focus away from the field first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onInsert(p.name)}
          className="rounded-full bg-primary-soft px-2.5 py-1 font-mono text-caption text-primary-hover ring-1 ring-primary/20 ring-inset transition-colors hover:bg-primary/15 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {`{{${p.name}}}`}
        </button>
      ))}
    </div>
  );
}
