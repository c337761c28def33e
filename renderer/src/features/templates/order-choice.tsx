// "Preview with order": a choice among the newest orders (or none, when order values show as dashes).
import { SelectField } from '../../components/form-fields';
import { useApiQuery } from '../../hooks/use-api-query';

export function OrderChoice({ orderId, onChange }: { orderId: string | null; onChange: (id: string | null) => void }) {
  const orders = useApiQuery('orders.list', { limit: 30 });
  const items = orders.data?.items ?? [];
  return (
    <SelectField
      label="Preview with order"
      value={orderId ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      hint={orders.error ? orders.error.message : 'The newest orders; order values show as — without one.'}
    >
      <option value="">No order</option>
      {items.map((o) => (
        <option key={o.id} value={o.id}>
          {o.orderNumber} · {o.customerName ?? 'No customer'} · {o.status}
        </option>
      ))}
    </SelectField>
  );
}
