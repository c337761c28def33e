// New-order screen: customer, currency and dates, many vehicles with prices, notes, running total, and "Create order".
import { type FormEvent, type ReactNode, useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import { CURRENCIES, formatMoney } from '../../../../core/domain/money';
import { Button } from '../../components/button';
import { FieldError, SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { ArrowLeftIcon, CheckIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { routes } from '../../routes';
import { selectTotal, useNewOrderStore } from '../../stores/new-order-store';
import { CustomerPicker } from '../customers/customer-picker';
import { OrderLines } from './order-lines';
import { VehiclePicker } from './vehicle-picker';

function Section({ step, title, hint, children }: { step: number; title: string; hint?: ReactNode; children: ReactNode }) {
  const id = `new-order-step-${step}`;
  return (
    <Card className="p-6">
      <div className="mb-4 flex items-baseline gap-3">
        <span
          className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand text-caption font-semibold text-white"
          aria-hidden="true"
        >
          {step}
        </span>
        <div>
          <h2 id={id} className="text-title font-semibold text-ink">
            {title}
          </h2>
          {hint ? <p className="text-body-sm text-ink-muted">{hint}</p> : null}
        </div>
      </div>
      <div role="group" aria-labelledby={id}>
        {children}
      </div>
    </Card>
  );
}

function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('main [aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  });
}

export function NewOrderScreen() {
  const [, navigate] = useLocation();
  const state = useNewOrderStore();
  const { total, missing } = selectTotal(state);
  const selectedIds = useMemo(() => new Set(state.lines.map((l) => l.vehicle.id)), [state.lines]);
  const errors = state.fieldErrors;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const order = await state.submit();
    if (order) navigate(routes.order(order.id));
    else focusFirstInvalid();
  };

  return (
    <>
      <PageHeader
        above={
          <Link href={routes.orders} className="inline-flex items-center gap-1.5 text-body-sm font-medium text-ink-muted hover:text-ink">
            <ArrowLeftIcon className="size-4" />
            Orders
          </Link>
        }
        title="New order"
        subtitle="The order starts as a Draft: you can change it until it is confirmed."
      />

      <form onSubmit={(e) => void submit(e)} noValidate className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_21rem]">
        <div className="space-y-6">
          <Section step={1} title="Customer" hint="Needed before the order can be confirmed.">
            <CustomerPicker value={state.customer} onChange={state.setCustomer} error={errors.customerId} />
          </Section>

          <Section step={2} title="Currency and dates">
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label="Order currency"
                required
                value={state.currency}
                onChange={(e) => state.setCurrency(e.target.value as (typeof CURRENCIES)[number])}
                error={errors.currency}
                hint="Agreed prices are entered in this currency."
              >
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Estimated completion"
                type="date"
                value={state.estimatedCompletionDate}
                onChange={(e) => state.setEstimatedCompletionDate(e.target.value)}
                error={errors.estimatedCompletionDate}
                hint="Your target; vehicles’ delivery ETAs refine it later."
              />
            </div>
          </Section>

          <Section step={3} title="Vehicles" hint="Tick every vehicle the customer is buying, then agree each price.">
            <VehiclePicker selectedIds={selectedIds} currency={state.currency} onToggle={state.toggleVehicle} />
            <h3 className="mt-6 mb-2 text-body-sm font-semibold text-ink">Chosen vehicles</h3>
            <OrderLines
              lines={state.lines}
              currency={state.currency}
              fieldErrors={errors}
              total={total}
              missing={missing}
              onPrice={state.setPrice}
              onRemove={state.removeLine}
            />
            <FieldError id="vehicles-error" message={errors.vehicles} />
          </Section>

          <Section step={4} title="Notes">
            <TextAreaField
              label="Notes for the team"
              rows={3}
              value={state.notes}
              onChange={(e) => state.setNotes(e.target.value)}
              error={errors.notes}
              placeholder="e.g. Customer wants all vehicles registered together."
            />
          </Section>
        </div>

        <aside className="xl:sticky xl:top-6" aria-label="Order summary">
          <Card className="p-5">
            <h2 className="text-title font-semibold text-ink">Summary</h2>
            <dl className="mt-4 space-y-3 text-body">
              <div className="flex justify-between gap-4">
                <dt className="text-ink-muted">Customer</dt>
                <dd className="truncate text-right font-medium text-ink">
                  {state.customer?.name ?? <span className="font-normal text-ink-subtle">Not chosen</span>}
                </dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt className="text-ink-muted">Currency</dt>
                <dd className="font-medium text-ink">{state.currency}</dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt className="text-ink-muted">Vehicles</dt>
                <dd className="tabular font-medium text-ink">{state.lines.length}</dd>
              </div>
            </dl>
            <div className="mt-4 border-t border-line pt-4">
              <p className="text-caption font-medium tracking-wide text-ink-subtle uppercase">Order value</p>
              <p className="tabular mt-1 text-display font-semibold tracking-tight text-ink" data-testid="order-total">
                {formatMoney(total, state.currency)}
              </p>
              {missing > 0 ? (
                <p className="mt-1 text-body-sm text-warning-ink">
                  {missing} {missing === 1 ? 'vehicle has' : 'vehicles have'} no price yet
                </p>
              ) : null}
            </div>

            {state.formError ? (
              <NoticeBanner tone="error" className="mt-4">
                {state.formError}
              </NoticeBanner>
            ) : null}

            <Button type="submit" variant="primary" busy={state.submitting} icon={<CheckIcon />} className="mt-5 w-full">
              {state.submitting ? 'Creating…' : 'Create order'}
            </Button>
            <Button variant="ghost" className="mt-2 w-full" onClick={state.reset} disabled={state.submitting}>
              Clear form
            </Button>
          </Card>
        </aside>
      </form>
    </>
  );
}
