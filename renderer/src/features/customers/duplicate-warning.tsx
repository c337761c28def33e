// "Possible duplicate of X (same email)": the customers a save looks like, with Open, Merge and Save anyway.
import { Link } from 'wouter';
import { PortsideError } from '../../../../core/api/errors';
import type { DuplicateMatch } from '../../../../core/domain/customer';
import { describeReasons } from '../../../../core/domain/customer-duplicates';
import { Button } from '../../components/button';
import { NoticeBanner } from '../../components/notice-banner';
import { routes } from '../../routes';

/** The matches of a 409 that refused a likely duplicate; null for any other error. */
export function duplicatesOf(error: unknown): DuplicateMatch[] | null {
  if (!(error instanceof PortsideError) || error.code !== 'CONFLICT' || !Array.isArray(error.duplicates)) return null;
  return error.duplicates as DuplicateMatch[];
}

export function DuplicateWarning({
  matches,
  saveAnywayLabel,
  onSaveAnyway,
  onMerge,
  busy,
}: {
  matches: readonly DuplicateMatch[];
  saveAnywayLabel: string;
  onSaveAnyway: () => void;
  /** Offered where the record exists already (editing): merge it with the match. */
  onMerge?: (match: DuplicateMatch) => void;
  busy: boolean;
}) {
  return (
    <NoticeBanner tone="warning" title={matches.length === 1 ? 'Possible duplicate' : `${matches.length} possible duplicates`}>
      <ul className="mt-1 space-y-1.5" data-testid="duplicate-warning">
        {matches.map((m) => (
          <li key={m.customer.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="text-ink">
              Possible duplicate of <span className="font-semibold">{m.customer.name}</span>
              {m.customer.company ? ` (${m.customer.company})` : ''} — {describeReasons(m.reasons)}
            </span>
            <Link href={routes.customer(m.customer.id)} className="font-medium text-primary hover:underline">
              Open {m.customer.name}
            </Link>
            {onMerge ? (
              <button type="button" className="font-medium text-primary hover:underline" onClick={() => onMerge(m)}>
                Merge
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <Button size="sm" className="mt-2" onClick={onSaveAnyway} busy={busy}>
        {saveAnywayLabel}
      </Button>
    </NoticeBanner>
  );
}
