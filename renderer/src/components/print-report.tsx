// A printable report: rendered beside the app (a portal into <body>) and shown only in print, where it replaces the whole app.
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** Outside #root, so printing needs no frame, sidebar or scroll container undone: the print stylesheet hides #root instead. */
export function PrintReport({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return createPortal(
    <article className="hidden bg-white p-0 text-[10pt] text-black print:block" data-print-report aria-label={label} data-testid={testId}>
      {children}
    </article>,
    document.body,
  );
}
