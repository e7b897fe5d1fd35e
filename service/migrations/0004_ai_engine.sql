-- The AI engine: one row per run with its phase, progress, usage and outcome; credit usage logs;
-- the enqueue function the app role may call; worker heartbeats for recovering abandoned jobs.

create table ai_runs (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  site_id uuid references sites (id) on delete cascade,
  sector_id uuid references sectors (id) on delete cascade,
  function text not null,
  -- Identical requests while one is in flight return the same run (a double click queues once).
  input_hash text not null,
  payload jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  phase text not null default 'INIT' check (phase in ('INIT', 'PREP', 'AI_CALL', 'PARSE', 'SAVE', 'DONE')),
  progress int not null default 0 check (progress between 0 and 100),
  message text not null default 'Queued',
  result jsonb,
  error text,
  model text,
  tokens_in int not null default 0,
  tokens_out int not null default 0,
  cost_usd numeric(14, 6) not null default 0,
  credits_reserved int not null default 0 check (credits_reserved >= 0),
  credits_used int not null default 0 check (credits_used >= 0),
  attempts int not null default 0,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index ai_runs_account on ai_runs (account_id, created_at desc);
create unique index ai_runs_in_flight on ai_runs (account_id, function, input_hash) where status in ('queued', 'running');

create table credit_usage_logs (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  run_id uuid references ai_runs (id) on delete set null,
  function text not null,
  credits int not null,
  tokens_in int not null default 0,
  tokens_out int not null default 0,
  cost_usd numeric(14, 6) not null default 0,
  model text,
  created_at timestamptz not null default now()
);
create index credit_usage_logs_account on credit_usage_logs (account_id, created_at);

alter table credit_transactions add constraint credit_transactions_run foreign key (run_id) references ai_runs (id) on delete set null;
create index credit_transactions_run on credit_transactions (run_id) where run_id is not null;

-- Runs tied to a site are visible to the users who see that site; account-wide runs to the account.
select igny8_protect('ai_runs', site_column => 'site_id', site_optional => true);
select igny8_protect('credit_usage_logs');
-- Runs are never deleted by the service; usage logs are only ever added.
revoke delete on ai_runs from igny8_app, igny8_global;
revoke update, delete on credit_usage_logs from igny8_app, igny8_global;

-- The app role may queue jobs in the same transaction as the write that asks for them, without
-- any other privilege on the job queue's tables.
create function igny8_enqueue(identifier text, payload json, job_key text, max_attempts int default 5)
  returns void language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  perform graphile_worker.add_job(identifier, payload, job_key => job_key, max_attempts => max_attempts);
end $$;
revoke all on function igny8_enqueue(text, json, text, int) from public;
grant execute on function igny8_enqueue(text, json, text, int) to igny8_app, igny8_global;

-- Worker processes beat here; jobs held by a worker that stopped beating (killed, machine lost)
-- are unlocked by the survivors, so a run interrupted by SIGKILL resumes within seconds.
create table worker_heartbeats (
  worker_id text primary key,
  process text not null,
  last_seen timestamptz not null default now()
);
