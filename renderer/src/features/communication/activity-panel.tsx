// The order's Activity tab (connected): the composer on top, the merged timeline below, a toast after every action.
import { useEffect, useState } from 'react';
import type { CommunicationView } from '../../../../core/domain/communication';
import type { Order } from '../../../../core/domain/order';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ChatIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { useActivityStore } from '../../stores/activity-store';
import { ActivityTimeline } from './activity-timeline';
import { Composer, type TemplatePickerComponent } from './composer';
import { ActivityToast, useToast } from './activity-toast';

export interface ActivityPanelProps {
  order: Order;
  /** The template slot: a `TemplatePicker({orderId, channel, onApply})` mounted in the composer when given. */
  templatePicker?: TemplatePickerComponent;
}

export function ActivityPanel({ order, templatePicker }: ActivityPanelProps) {
  const open = useActivityStore((s) => s.open);
  const items = useActivityStore((s) => (s.orderId === order.id ? s.items : []));
  const phase = useActivityStore((s) => s.phase);
  const error = useActivityStore((s) => s.error);
  const nextCursor = useActivityStore((s) => s.nextCursor);
  const loadingMore = useActivityStore((s) => s.loadingMore);
  const customer = useActivityStore((s) => s.customer);
  const log = useActivityStore((s) => s.log);
  const retry = useActivityStore((s) => s.retry);
  const loadMore = useActivityStore((s) => s.loadMore);
  const [correcting, setCorrecting] = useState<CommunicationView | null>(null);
  const toast = useToast();

  useEffect(() => {
    void open(order.id, order.customerId);
  }, [order.id, order.customerId, open]);

  const actions = {
    onCorrect: (entry: CommunicationView) => {
      setCorrecting(entry);
      document.getElementById('activity-composer')?.scrollIntoView({ block: 'nearest' });
    },
    onRetry: async (entryId: string) => {
      const result = await retry(entryId);
      toast.show(result.ok ? 'Sending the e-mail again…' : result.error.message, result.ok ? 'success' : 'error');
    },
    onCopied: () => toast.show('Subject and message copied.', 'success'),
  };

  return (
    <div className="space-y-6 p-6">
      <div id="activity-composer">
        <Composer
          key={correcting?.id ?? 'new'}
          order={order}
          customer={customer}
          correcting={correcting}
          onCancelCorrection={() => setCorrecting(null)}
          templatePicker={templatePicker}
          onSubmit={log}
          onDone={(message) => toast.show(message, 'success')}
        />
      </div>

      {phase === 'error' && items.length === 0 ? (
        <NoticeBanner
          tone="error"
          action={
            <Button size="sm" onClick={() => void open(order.id, order.customerId)}>
              Try again
            </Button>
          }
        >
          {error}
        </NoticeBanner>
      ) : phase === 'loading' && items.length === 0 ? (
        <div className="space-y-5" aria-busy="true" aria-label="Loading activity">
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className="flex gap-4">
              <Skeleton className="size-8 rounded-full" />
              <div className="flex-1">
                <Skeleton className="h-3 w-40" />
                <Skeleton className="mt-2 h-14 w-full" />
              </div>
            </div>
          ))}
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<ChatIcon className="size-5" />} title="No activity yet">
          Log a call, note or message above; status changes and stage events appear here too.
        </EmptyState>
      ) : (
        <>
          <ActivityTimeline items={items} order={order} actions={actions} />
          {nextCursor ? (
            <div className="flex justify-center">
              <Button busy={loadingMore} onClick={() => void loadMore()}>
                Show older activity
              </Button>
            </div>
          ) : null}
        </>
      )}
      <ActivityToast toast={toast.current} onDismiss={toast.dismiss} />
    </div>
  );
}
