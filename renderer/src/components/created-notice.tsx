// The confirmation above a list that a record was added, with "Show in list" to find it among the others.
import type { ReactNode } from 'react';
import { Button } from './button';
import { NoticeBanner } from './notice-banner';

export function CreatedNotice({ onShow, children }: { onShow: () => void; children: ReactNode }) {
  return (
    <NoticeBanner
      tone="success"
      className="mb-4"
      action={
        <Button size="sm" variant="ghost" onClick={onShow}>
          Show in list
        </Button>
      }
    >
      {children}
    </NoticeBanner>
  );
}
