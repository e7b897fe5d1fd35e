import { Button, Card, CardBody, ProgressBar, TextControl, __experimentalHStack as HStack } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews';
import { useState } from 'react';
import { api, type ListPage } from '../api/client';
import { useResource } from '../api/use-resource';
import { CreditsChart } from '../components/credits-chart';
import { ErrorNotice } from '../components/error-notice';
import { TablePage, type TablePageConfig } from '../components/table-page';
import { toCsv } from '../csv';
import type { UsageRow } from './overview';

type Transaction = { id: string; amount: number; balance_after: number; kind: string; reason: string; created_at: string };

const ledgerFields: Field<Transaction>[] = [
  { id: 'created_at', label: 'When', enableHiding: false, getValue: ({ item }) => new Date(item.created_at).toLocaleString() },
  { id: 'kind', label: 'Kind' },
  { id: 'amount', label: 'Credits', type: 'integer' },
  { id: 'balance_after', label: 'Balance', type: 'integer' },
  { id: 'reason', label: 'Reason' },
];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Every day of the range, so days without runs show as zero rather than vanish from the chart. */
export function fillDays(from: string, to: string, rows: UsageRow[]): { days: string[]; credits: number[] } {
  const byDay = new Map(rows.map((r) => [String(r.day).slice(0, 10), r.credits]));
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); isoDay(d) <= to && days.length < 366; d.setUTCDate(d.getUTCDate() + 1)) days.push(isoDay(d));
  return { days, credits: days.map((d) => byDay.get(d) ?? 0) };
}

async function exportLedger() {
  const rows: Transaction[] = [];
  for (let page = 1; ; page++) {
    const answer = await api<ListPage<Transaction>>(`/billing/transactions?page=${page}&page_size=500`);
    rows.push(...answer.results);
    if (!answer.next) break;
  }
  const csv = toCsv(['created_at', 'kind', 'amount', 'balance_after', 'reason'], rows);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = `igny8-credits-${isoDay(new Date())}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function UsagePage() {
  const today = isoDay(new Date());
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 29 * 86400_000)));
  const [to, setTo] = useState(today);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error | null>(null);
  // The end of the range is inclusive: the service's `to` is an instant, so ask up to the next midnight.
  const until = isoDay(new Date(Date.parse(`${to}T00:00:00Z`) + 86400_000));
  const range = `from=${from}&to=${until}`;
  const perDay = useResource<UsageRow[]>(`/billing/usage?${range}&group_by=day`);
  const perFunction = useResource<UsageRow[]>(`/billing/usage?${range}&group_by=function`);
  const chart = fillDays(from, to, perDay.data ?? []);
  const top = Math.max(1, ...(perFunction.data ?? []).map((r) => r.credits));

  const ledger: TablePageConfig<Transaction> = {
    title: 'Credit ledger',
    heading: 'h2',
    endpoint: '/billing/transactions',
    fields: ledgerFields,
    empty: 'No credit movements yet. Credits added to the account and spent by AI runs are listed here.',
    toolbar: (
      <Button
        variant="secondary"
        __next40pxDefaultSize
        isBusy={exporting}
        disabled={exporting}
        onClick={async () => {
          setExporting(true);
          setExportError(null);
          await exportLedger().catch(setExportError);
          setExporting(false);
        }}
      >
        Export CSV
      </Button>
    ),
  };

  return (
    <div className="igny8-page">
      <h1>Usage</h1>
      <HStack wrap justify="flex-start" className="igny8-range">
        <TextControl label="From" type="date" value={from} max={to} onChange={setFrom} __next40pxDefaultSize __nextHasNoMarginBottom />
        <TextControl label="To" type="date" value={to} min={from} max={today} onChange={setTo} __next40pxDefaultSize __nextHasNoMarginBottom />
      </HStack>
      <ErrorNotice error={perDay.error ?? perFunction.error ?? exportError} />
      {exporting && <ProgressBar aria-label="Exporting the ledger" />}
      <Card>
        <CardBody>
          <h2>Credits per day</h2>
          <CreditsChart days={chart.days} credits={chart.credits} width={Math.min(900, Math.max(280, window.innerWidth - 80))} />
          <h2>Credits per function</h2>
          {(perDay.loading || perFunction.loading) && <ProgressBar aria-label="Loading the usage" />}
          {perFunction.data?.length === 0 && <p>No AI runs in this range. Choose a wider range, or cluster keywords or write content to spend credits.</p>}
          <ul className="igny8-bars" aria-label="Credits per function">
            {(perFunction.data ?? []).map((r) => (
              <li key={r.function}>
                <span className="igny8-bar-label">{r.function}</span>
                <span className="igny8-bar" style={{ width: `${(100 * r.credits) / top}%` }} />
                <span>
                  {r.credits} credits · {r.runs} runs
                </span>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
      <TablePage config={ledger} />
    </div>
  );
}
