// Shared pieces of the recharts charts (loaded lazily with them): token colours, the tooltip, clickable bar shapes, axis styles.
import type { ReactNode } from 'react';
import type { OrderStatus } from '../../../../core/domain/order';
import type { ImportStage } from '../../../../core/domain/stages';

/** A design token's colour (styles.css) as SVG needs it; `fallback` before the stylesheet is there. */
export function tokenColour(token: string, fallback = '#64748b'): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(`--color-${token}`).trim();
  return value || fallback;
}

export const statusColour = (status: OrderStatus): string => tokenColour(`status-${status.toLowerCase().replace(' ', '-')}`);
export const stageColour = (stage: ImportStage): string => tokenColour(`stage-${stage.replace(/_/g, '-')}`);

export const AXIS_TICK = { fontSize: 12, fill: '#475569' } as const;

/** Counts on an axis with thousands separators: 80,000 reads at a glance, 80000 does not. */
export const countTick = (value: number): string => value.toLocaleString('en-GB');
export const GRID_STROKE = '#e2e8f0';
export const CHART_HEIGHT = 240;

interface TooltipEntry {
  name?: string | number;
  value?: unknown;
  color?: string;
  dataKey?: unknown;
}

/** The tooltip every chart shows: the bar's label, then one line per series, values formatted by `format`. */
export function ChartTooltip({
  active,
  payload,
  label,
  format = (v) => String(v),
  title,
}: {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: string | number;
  format?: (value: number, entry: TooltipEntry) => string;
  title?: (label: string) => ReactNode;
}) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="rounded-control bg-surface px-3 py-2 text-body-sm shadow-dialog ring-1 ring-line">
      <p className="mb-1 font-semibold text-ink">{title ? title(String(label ?? '')) : label}</p>
      {payload.map((entry) => (
        <p
          key={`${typeof entry.dataKey === 'string' ? entry.dataKey : ''}${entry.name ?? ''}`}
          className="flex items-center gap-2 text-ink-muted"
        >
          <span className="size-2 rounded-full" style={{ background: entry.color }} aria-hidden="true" />
          {entry.name}: <span className="tabular font-medium text-ink">{format(Number(entry.value), entry)}</span>
        </p>
      ))}
      <p className="mt-1 text-caption text-ink-subtle">Click the bar to open these orders</p>
    </div>
  );
}

interface BarShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
  index?: number;
}

/**
 * A bar that says what it is (data-bar="status:Draft") and opens its orders on click or Enter:
 * tests and keyboard users reach it without knowing recharts' markup.
 */
export function clickableBar(
  keyOf: (index: number) => string,
  labelOf: (index: number) => string,
  open: (index: number) => void,
  fillOf?: (index: number) => string,
) {
  return function ClickableBar(props: unknown): ReactNode {
    const { x = 0, y = 0, width = 0, height = 0, fill, index = 0 } = props as BarShapeProps;
    return (
      <rect
        x={x}
        y={y}
        width={Math.max(0, width)}
        height={Math.max(0, height)}
        rx={3}
        fill={fillOf ? fillOf(index) : fill}
        data-bar={keyOf(index)}
        role="link"
        tabIndex={0}
        aria-label={labelOf(index)}
        className="cursor-pointer outline-none hover:opacity-80 focus-visible:stroke-focus focus-visible:stroke-2"
        onClick={() => open(index)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') open(index);
        }}
      />
    );
  };
}

/** Legend labels in the ink colour: a pale series (the 90th percentile) must not make its label unreadable. */
export function legendText(value: unknown): ReactNode {
  return <span className="text-caption text-ink-muted">{typeof value === 'string' ? value : ''}</span>;
}
