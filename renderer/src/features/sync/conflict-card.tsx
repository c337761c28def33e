// One sync conflict side by side: my value | their value (with the value before both), who changed what when, and Keep mine / Keep theirs / Edit.
import { useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { hasPermission } from '../../../../core/auth/permissions';
import type { ConflictChoice, SyncConflict } from '../../../../core/domain/sync-conflict';
import { Button } from '../../components/button';
import { FieldError, controlClasses } from '../../components/form-fields';
import { AlertIcon, CheckIcon, PencilIcon } from '../../components/icons';
import { formatDateTime } from '../../format/dates';
import { routes } from '../../routes';
import { useSessionStore } from '../../stores/session-store';
import {
  cancelReasonOf,
  conflictValueText,
  editedValueOf,
  editStartText,
  fieldLabel,
  keepMineBlockedReason,
  resolutionNeedsReason,
} from './sync-text';

function Side({
  title,
  who,
  at,
  value,
  tone,
}: {
  title: string;
  who: string | null;
  at: string | null;
  value: string;
  tone: 'mine' | 'theirs';
}) {
  const ring = tone === 'mine' ? 'ring-primary/25 bg-primary-soft/40' : 'ring-warning-line bg-warning-soft/40';
  return (
    <div className={`min-w-0 rounded-control p-3 ring-1 ring-inset ${ring}`}>
      <p className="text-caption font-semibold tracking-wide text-ink-subtle uppercase">{title}</p>
      <p className="mt-1 text-caption text-ink-muted">
        {who ?? 'Unknown'}
        {at ? ` · ${formatDateTime(at)}` : ''}
      </p>
      <p className="mt-2 text-body break-words whitespace-pre-wrap text-ink" data-testid={`conflict-${tone}`}>
        {value}
      </p>
    </div>
  );
}

export function ConflictCard({
  conflict,
  busy,
  editError,
  onResolve,
  onStartEdit,
}: {
  conflict: SyncConflict;
  busy: boolean;
  editError: string | undefined;
  onResolve: (choice: ConflictChoice, value?: unknown, reason?: string) => Promise<boolean>;
  /** Called as the edit box opens, so a refusal from an earlier try is not shown again. */
  onStartEdit: () => void;
}) {
  const headingId = useId();
  const inputId = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const keepMineButton = useRef<HTMLButtonElement>(null);
  const reasonId = useId();
  const field = fieldLabel(conflict.field);
  const multiline = conflict.field === 'notes' || conflict.field === 'address';
  const mayCancelConfirmed = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'orders:cancel') : false));
  const keepMineBlocked = keepMineBlockedReason(conflict, mayCancelConfirmed);

  const startEdit = () => {
    onStartEdit();
    setText(editStartText(conflict));
    setEditing(true);
  };
  const cancelEdit = () => {
    setEditing(false);
    // Back to where the person was, for the keyboard.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const saveEdit = async () => {
    const value = editedValueOf(conflict.field, text);
    if (resolutionNeedsReason(conflict, 'edit', value)) {
      setEditing(false);
      askForReason({ choice: 'edit', value });
      return;
    }
    if (await onResolve('edit', value)) setEditing(false);
  };
  // Keeping a Cancelled status cancels the order here: the reason is asked for first, as the order screen does.
  const [reasonFor, setReasonFor] = useState<{ choice: 'mine' | 'edit'; value?: unknown } | null>(null);
  const [reasonText, setReasonText] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const askForReason = (pending: { choice: 'mine' | 'edit'; value?: unknown }) => {
    setReasonText('');
    setReasonError(undefined);
    setReasonFor(pending);
  };
  const keepMine = () => {
    if (resolutionNeedsReason(conflict, 'mine')) askForReason({ choice: 'mine' });
    else void onResolve('mine');
  };
  const cancelReason = () => {
    setReasonFor(null);
    requestAnimationFrame(() => keepMineButton.current?.focus());
  };
  const saveWithReason = async () => {
    if (!reasonFor) return;
    const checked = cancelReasonOf(reasonText);
    if ('error' in checked) {
      setReasonError(checked.error);
      return;
    }
    if (await onResolve(reasonFor.choice, reasonFor.value, checked.reason)) setReasonFor(null);
  };

  return (
    <article
      aria-labelledby={headingId}
      className="rounded-card bg-surface p-5 shadow-card ring-1 ring-line"
      data-testid="conflict-card"
      data-conflict-id={conflict.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-title font-semibold text-ink">
            {conflict.orderId ? (
              <Link href={routes.order(conflict.orderId)} className="hover:text-primary hover:underline">
                {conflict.label}
              </Link>
            ) : (
              conflict.label
            )}
            <span className="font-normal text-ink-muted"> · {field}</span>
          </h3>
        </div>
        <span
          className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-caption font-medium ring-1 ring-inset ${
            conflict.kind === 'rule' ? 'bg-danger-soft text-danger ring-danger-line' : 'bg-warning-soft text-warning-ink ring-warning-line'
          }`}
        >
          <AlertIcon className="size-3.5" />
          {conflict.kind === 'rule' ? 'Rule broken' : 'Changed on both devices'}
        </span>
      </div>

      {/* A field conflict speaks through its two sides below; a rule conflict's message is all there is to say. */}
      {conflict.kind === 'rule' ? <p className="mt-1 text-body-sm text-ink-muted">{conflict.message}</p> : null}
      {conflict.kind === 'field' ? (
        <>
          <div className="mt-4 grid gap-3 sm:grid-cols-2">
            <Side
              title="Yours"
              who={conflict.myAuthor}
              at={conflict.myAt}
              value={conflictValueText(conflict.field, conflict.mine)}
              tone="mine"
            />
            <Side
              title="Theirs (kept for now)"
              who={conflict.theirAuthor}
              at={conflict.theirAt}
              value={conflictValueText(conflict.field, conflict.theirs)}
              tone="theirs"
            />
          </div>
          <p className="mt-2 text-caption text-ink-subtle">Before both changes: {conflictValueText(conflict.field, conflict.base)}</p>
        </>
      ) : null}

      {reasonFor ? (
        <form
          className="mt-4"
          data-testid="conflict-reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveWithReason();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              cancelReason();
            }
          }}
        >
          <label htmlFor={reasonId} className="text-body-sm font-medium text-ink">
            Reason for cancelling the order
          </label>
          <p className="text-caption text-ink-muted">
            Keeping Cancelled cancels the order on every device; the reason goes in its history.
          </p>
          <textarea
            id={reasonId}
            rows={2}
            autoFocus
            value={reasonText}
            onChange={(e) => setReasonText(e.target.value)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
            className={controlClasses(Boolean(reasonError), 'mt-1 w-full py-2')}
          />
          <FieldError id={`${reasonId}-error`} message={reasonError} />
          <div className="mt-3 flex gap-2">
            <Button type="submit" variant="primary" size="sm" busy={busy}>
              Cancel the order
            </Button>
            <Button size="sm" variant="ghost" onClick={cancelReason} disabled={busy}>
              Back
            </Button>
          </div>
        </form>
      ) : editing ? (
        <form
          className="mt-4"
          onSubmit={(e) => {
            e.preventDefault();
            void saveEdit();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              cancelEdit();
            }
          }}
        >
          <label htmlFor={inputId} className="text-body-sm font-medium text-ink">
            New value for {field.toLowerCase()}
          </label>
          {multiline ? (
            <textarea
              id={inputId}
              rows={3}
              autoFocus
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={editError ? true : undefined}
              aria-describedby={editError ? `${inputId}-error` : undefined}
              className={controlClasses(Boolean(editError), 'mt-1 w-full py-2')}
            />
          ) : (
            <input
              id={inputId}
              autoFocus
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={editError ? true : undefined}
              aria-describedby={editError ? `${inputId}-error` : undefined}
              className={controlClasses(Boolean(editError), 'mt-1 h-control w-full')}
            />
          )}
          <FieldError id={`${inputId}-error`} message={editError} />
          <div className="mt-3 flex gap-2">
            <Button type="submit" variant="primary" size="sm" busy={busy}>
              Save this value
            </Button>
            <Button size="sm" variant="ghost" onClick={cancelEdit} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-4 flex flex-wrap gap-2">
          {conflict.editable ? (
            <>
              <Button
                ref={keepMineButton}
                size="sm"
                variant="primary"
                busy={busy}
                disabled={keepMineBlocked !== null}
                onClick={keepMine}
                {...(keepMineBlocked ? { 'aria-describedby': `${headingId}-blocked` } : {})}
              >
                Keep mine
              </Button>
              <Button size="sm" icon={<CheckIcon className="size-3.5" />} disabled={busy} onClick={() => void onResolve('theirs')}>
                Keep theirs
              </Button>
              <Button
                ref={editButton}
                size="sm"
                variant="ghost"
                icon={<PencilIcon className="size-3.5" />}
                disabled={busy}
                onClick={startEdit}
              >
                Edit…
              </Button>
            </>
          ) : (
            <Button size="sm" busy={busy} icon={<CheckIcon className="size-3.5" />} onClick={() => void onResolve('theirs')}>
              {conflict.kind === 'rule' ? 'Fixed: close' : 'Keep theirs'}
            </Button>
          )}
          {conflict.editable && keepMineBlocked ? (
            <p id={`${headingId}-blocked`} className="basis-full text-caption text-ink-muted" data-testid="keep-mine-blocked">
              {keepMineBlocked}
            </p>
          ) : null}
        </div>
      )}
    </article>
  );
}
