import { Card, CardBody, CardHeader, ProgressBar, __experimentalGrid as Grid } from '@wordpress/components';
import type { Field } from '@wordpress/dataviews';
import { can } from '@igny8/shared/roles';
import { useSignedIn } from '../api/session';
import { useResource } from '../api/use-resource';
import { ErrorNotice } from '../components/error-notice';
import { TablePage, type TablePageConfig } from '../components/table-page';

type Balance = { credits: number; reserved: number };
export type UsageRow = { day?: string; function?: string; runs: number; credits: number; tokens_in: number; tokens_out: number; cost_usd: number };
export type Run = { id: string; function: string; status: string; phase: string; progress: number; message: string; error: string | null; credits_used: number; created_at: string };

/** Polling interval of the run list: often enough to follow a run, rare enough to stay cheap. */
export const RUN_POLL_MS = 3000;

export function monthStart(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

const runFields: Field<Run>[] = [
  { id: 'function', label: 'Function', enableHiding: false },
  { id: 'status', label: 'Status' },
  {
    id: 'progress',
    label: 'Progress',
    render: ({ item }) =>
      item.status === 'queued' || item.status === 'running' ? (
        <ProgressBar value={item.progress} aria-label={`${item.function} ${item.progress}%`} />
      ) : (
        <span>{item.status === 'failed' ? item.error ?? item.message : `${item.progress}%`}</span>
      ),
  },
  { id: 'credits_used', label: 'Credits', type: 'integer' },
  { id: 'created_at', label: 'Started', getValue: ({ item }) => new Date(item.created_at).toLocaleString() },
];

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Card>
      <CardHeader>
        <h2 className="igny8-stat-label">{label}</h2>
      </CardHeader>
      <CardBody>
        <p className="igny8-stat-value">{value}</p>
        {detail && <p className="igny8-stat-detail">{detail}</p>}
      </CardBody>
    </Card>
  );
}

export function OverviewPage() {
  const { account, user } = useSignedIn();
  const balance = useResource<Balance>('/billing/balance', RUN_POLL_MS);
  const billing = can(user.role, 'billing');
  const usage = useResource<UsageRow[]>(billing ? `/billing/usage?from=${monthStart()}&group_by=function` : null);
  const month = (usage.data ?? []).reduce((sum, r) => ({ credits: sum.credits + r.credits, runs: sum.runs + r.runs }), { credits: 0, runs: 0 });

  const runs: TablePageConfig<Run> = {
    title: 'Recent AI runs',
    heading: 'h2',
    endpoint: '/ai/runs',
    fields: runFields,
    perPage: 10,
    empty: 'No AI runs yet. Import keywords into a sector and cluster them to start your first run.',
  };

  return (
    <div className="igny8-page">
      <h1>{account.name}</h1>
      <ErrorNotice error={balance.error ?? usage.error} />
      <Grid columns={3} className="igny8-stats">
        <Stat label="Credits" value={balance.data ? String(balance.data.credits) : '…'} detail={balance.data?.reserved ? `${balance.data.reserved} held by runs in progress` : undefined} />
        <Stat label="Plan" value={account.plan.name} detail={`${account.plan.included_credits} credits included · up to ${account.plan.max_sites} sites`} />
        {billing && <Stat label="This month" value={`${month.credits} credits`} detail={`${month.runs} AI runs`} />}
      </Grid>
      <RunsTable config={runs} />
    </div>
  );
}

/** The run list, reloaded while the page is open so a run's status and progress stay live. */
function RunsTable({ config }: { config: TablePageConfig<Run> }) {
  return <TablePage config={{ ...config, pollMs: RUN_POLL_MS }} />;
}
