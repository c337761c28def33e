// The sign-in screen's left panel: what Portside is for, in the brand's navy.
import { BrandMark } from '../../components/brand-mark';
import { CheckIcon } from '../../components/icons';

const POINTS = [
  'Multi-vehicle orders from purchase to delivery',
  'Every vehicle’s import stage at a glance',
  'Works offline at the port office, syncs when back online',
];

export function BrandPanel({ version }: { version: string | null }) {
  return (
    <aside className="relative hidden w-[44%] max-w-2xl flex-col justify-between overflow-hidden bg-brand-deep px-14 py-12 text-on-brand lg:flex">
      <div
        className="pointer-events-none absolute inset-0 opacity-40"
        style={{
          backgroundImage:
            'radial-gradient(circle at 85% 10%, rgb(56 189 248 / 0.35), transparent 45%), radial-gradient(circle at 10% 95%, rgb(15 61 99 / 0.9), transparent 55%)',
        }}
        aria-hidden="true"
      />
      <div className="relative flex items-center gap-3">
        <BrandMark className="size-10" />
        <span className="text-heading font-semibold tracking-tight text-white">Portside</span>
      </div>
      <div className="relative">
        <p className="max-w-md text-[2.25rem] leading-tight font-semibold tracking-tight text-white">
          Every vehicle, every stage, one order.
        </p>
        <ul className="mt-8 space-y-3.5">
          {POINTS.map((point) => (
            <li key={point} className="flex items-start gap-3 text-title text-on-brand-muted">
              <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-brand-accent/20 text-brand-accent">
                <CheckIcon className="size-3.5" />
              </span>
              {point}
            </li>
          ))}
        </ul>
      </div>
      <p className="relative text-caption text-on-brand-subtle">
        Portside {version ? `v${version}` : ''} · Customer service for vehicle importers
      </p>
    </aside>
  );
}
