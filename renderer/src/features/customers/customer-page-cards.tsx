// The customer page's cards (presentational): how to reach them, other people, addresses, and money per currency.
import type { ReactNode } from 'react';
import type { CustomerDetail } from '../../../../core/domain/customer';
import type { CurrencyAmount } from '../../../../core/domain/customer-totals';
import { formatMoney, isCurrency } from '../../../../core/domain/money';
import { Card } from '../../components/page-header';
import { CHANNEL_LABELS } from '../../format/customer-contact';
import { formatPhone } from '../../format/phone';

function CardTitle({ children }: { children: ReactNode }) {
  return <h2 className="text-caption font-medium tracking-wide text-ink-subtle uppercase">{children}</h2>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-body-sm text-ink-muted">{label}</dt>
      <dd className="min-w-0 truncate text-right text-body-sm text-ink">{children}</dd>
    </div>
  );
}

const none = <span className="text-ink-subtle">—</span>;

function MailLink({ email }: { email: string | null }) {
  return email ? (
    <a href={`mailto:${email}`} className="text-primary hover:underline">
      {email}
    </a>
  ) : (
    none
  );
}

function TelLink({ phone }: { phone: string | null }) {
  return phone ? (
    <a href={`tel:${phone}`} className="tabular text-primary hover:underline">
      {formatPhone(phone)}
    </a>
  ) : (
    none
  );
}

export function ReachCard({ customer }: { customer: CustomerDetail }) {
  return (
    <Card className="p-5">
      <CardTitle>Contact</CardTitle>
      <dl className="mt-2 divide-y divide-line" data-testid="customer-reach">
        <Row label="Email">
          <MailLink email={customer.email} />
        </Row>
        <Row label="Phone">
          <TelLink phone={customer.phone} />
        </Row>
        <Row label="Preferred channel">{customer.preferredChannel ? CHANNEL_LABELS[customer.preferredChannel] : none}</Row>
        <Row label="Tax id">{customer.taxId ?? none}</Row>
      </dl>
      {customer.notes ? (
        <p className="mt-3 rounded-control bg-surface-muted px-3 py-2 text-body-sm whitespace-pre-line text-ink">{customer.notes}</p>
      ) : null}
    </Card>
  );
}

export function PeopleCard({ customer }: { customer: CustomerDetail }) {
  return (
    <Card className="p-5">
      <CardTitle>Other contacts</CardTitle>
      {customer.contacts.length === 0 ? (
        <p className="mt-2 text-body-sm text-ink-subtle">Nobody else on record.</p>
      ) : (
        <ul className="mt-2 divide-y divide-line" data-testid="customer-contacts">
          {customer.contacts.map((c, i) => (
            <li key={`${c.name}-${i}`} className="py-2 text-body-sm">
              <p className="font-medium text-ink">
                {c.name}
                {c.role ? <span className="font-normal text-ink-muted"> · {c.role}</span> : null}
              </p>
              <p className="flex flex-wrap gap-x-3 text-ink-muted">
                {c.email ? <MailLink email={c.email} /> : null}
                {c.phone ? <TelLink phone={c.phone} /> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function AddressesCard({ customer }: { customer: CustomerDetail }) {
  const hasAny = customer.addresses.length > 0 || customer.address;
  return (
    <Card className="p-5">
      <CardTitle>Addresses</CardTitle>
      {!hasAny ? <p className="mt-2 text-body-sm text-ink-subtle">No address yet.</p> : null}
      <ul className="mt-2 grid gap-3 sm:grid-cols-2" data-testid="customer-addresses">
        {customer.addresses.map((a, i) => (
          <li key={`${a.label}-${i}`} className="text-body-sm">
            <p className="font-medium text-ink">{a.label}</p>
            <address className="text-ink-muted not-italic">
              {[...a.lines, [a.postcode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </li>
        ))}
        {customer.address ? (
          <li className="text-body-sm">
            <p className="font-medium text-ink">Other</p>
            <p className="whitespace-pre-line text-ink-muted">{customer.address}</p>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}

function Amounts({ amounts, empty, testId }: { amounts: CurrencyAmount[]; empty: string; testId: string }) {
  if (amounts.length === 0) return <p className="mt-1 text-body text-ink-subtle">{empty}</p>;
  return (
    <ul className="mt-1 space-y-0.5" data-testid={testId}>
      {amounts.map((a) => (
        <li key={a.currency} className="tabular text-title font-semibold text-ink">
          {isCurrency(a.currency) ? formatMoney(a.amount, a.currency) : a.amount}{' '}
          <span className="text-caption font-medium text-ink-subtle">{a.currency}</span>
        </li>
      ))}
    </ul>
  );
}

/** Lifetime value and outstanding balance, one line per currency: amounts in different currencies are never added. */
export function MoneyCard({ customer }: { customer: CustomerDetail }) {
  const open = customer.orders.filter((o) => o.status === 'Draft' || o.status === 'Confirmed' || o.status === 'In Progress').length;
  return (
    <Card className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-3">
      <div>
        <CardTitle>Lifetime value</CardTitle>
        <Amounts amounts={customer.lifetimeValue} empty="No orders yet" testId="customer-lifetime-value" />
      </div>
      <div>
        <CardTitle>Outstanding</CardTitle>
        <Amounts amounts={customer.outstandingBalance} empty="Nothing owed" testId="customer-outstanding" />
      </div>
      <div>
        <CardTitle>Orders</CardTitle>
        <p className="tabular mt-1 text-title font-semibold text-ink">
          {customer.orders.length} <span className="text-body-sm font-normal text-ink-muted">· {open} open</span>
        </p>
      </div>
    </Card>
  );
}
