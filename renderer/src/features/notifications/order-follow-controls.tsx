// On the order's header: who it is assigned to (with "Reassign" for Managers and Admins), and Follow / Unfollow.
import { useEffect, useState } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import type { Colleague } from '../../../../core/domain/task';
import type { Order } from '../../../../core/domain/order';
import { callApi } from '../../api/api-call';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField } from '../../components/form-fields';
import { useOrderViewStore } from '../../stores/order-view-store';
import { useSessionStore } from '../../stores/session-store';
import { BellIcon } from './notification-bell';

function ReassignDialog({ order, onClose }: { order: Order; onClose(): void }) {
  const [people, setPeople] = useState<Colleague[] | null>(null);
  const [assigneeId, setAssigneeId] = useState(order.assigneeId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  useEffect(() => {
    callApi('users.list', {})
      .then((answer) => setPeople(answer.items))
      .catch((e: unknown) => setError(errorDetails(e)));
  }, []);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await callApi('orders.reassign', { id: order.id, version: order.version, assigneeId });
      await useOrderViewStore.getState().reload();
      onClose();
    } catch (e) {
      setError(errorDetails(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={busy}
      title={`Reassign ${order.orderNumber}`}
      description="The new assignee becomes responsible for the order and follows it."
      onSubmit={() => void save()}
      error={error && !error.fields.assigneeId ? error.message : undefined}
      footer={
        <DialogActions onCancel={onClose} busy={busy} submitLabel="Reassign" submitDisabled={!people || assigneeId === order.assigneeId} />
      }
    >
      <SelectField
        label="Assignee"
        value={assigneeId}
        onChange={(e) => setAssigneeId(e.target.value)}
        disabled={!people}
        error={error?.fields.assigneeId}
        data-autofocus
      >
        {(
          people?.filter((p) => p.active || p.id === order.assigneeId) ?? [
            { id: order.assigneeId, displayName: order.assigneeName, roles: [] },
          ]
        ).map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
            {p.roles.length > 0 ? ` (${p.roles.join(', ')})` : ''}
          </option>
        ))}
      </SelectField>
    </Dialog>
  );
}

export function OrderFollowControls({ order }: { order: Order }) {
  const mayReassign = useSessionStore((s) => (s.user ? hasPermission(s.user.roles, 'orders:reassign') : false));
  const [busy, setBusy] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggleFollow = async () => {
    setBusy(true);
    setError(null);
    try {
      await callApi(order.following ? 'orders.unfollow' : 'orders.follow', { id: order.id });
      await useOrderViewStore.getState().reload();
    } catch (e) {
      setError(errorDetails(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-body-sm text-ink-muted">
      <span>
        Assigned to{' '}
        <span className="font-medium text-ink" data-testid="order-assignee">
          {order.assigneeName}
        </span>
      </span>
      {mayReassign ? (
        <Button size="sm" variant="ghost" onClick={() => setReassigning(true)}>
          Reassign
        </Button>
      ) : null}
      <Button
        size="sm"
        variant={order.following ? 'secondary' : 'primary'}
        icon={<BellIcon />}
        busy={busy}
        aria-pressed={order.following}
        onClick={() => void toggleFollow()}
        data-testid="order-follow"
      >
        {order.following ? 'Unfollow' : 'Follow'}
      </Button>
      <span className="text-caption text-ink-subtle" data-testid="order-follower-count">
        {order.followerCount === 1 ? '1 follower' : `${order.followerCount} followers`}
      </span>
      {error ? (
        <span role="alert" className="text-caption text-danger">
          {error}
        </span>
      ) : null}
      {reassigning ? <ReassignDialog order={order} onClose={() => setReassigning(false)} /> : null}
    </div>
  );
}
