// The warning that someone else changed the order first, with "Reload order": on the order screen and in the edit dialog.
import type { ReactNode } from 'react';
import { Button } from '../../components/button';
import { RefreshIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';

export function ConflictNotice({ onReload, children }: { onReload: () => void; children: ReactNode }) {
  return (
    <NoticeBanner
      tone="warning"
      title="This order was changed by someone else."
      className="mb-4"
      action={
        <Button size="sm" icon={<RefreshIcon />} onClick={onReload}>
          Reload order
        </Button>
      }
    >
      {children}
    </NoticeBanner>
  );
}
