-- Fair job slots, provider calls limited across processes, and AI runs visible only to callers who
-- see every site they touch.

-- Every site a run reads or writes (a run over clusters of two sites touches both). site_id stays
-- the one site of a single-site run, as lists show and filter it.
alter table ai_runs add column site_ids uuid[] not null default '{}';
-- The account's job lane the run is queued in (see igny8_enqueue_to).
alter table ai_runs add column job_lane int not null default 0;
-- Forced row-level security hides the rows from the migrating role too, unless it bypasses it.
alter table ai_runs no force row level security;
update ai_runs set site_ids = array[site_id] where site_id is not null;
alter table ai_runs force row level security;

-- A run is readable (and writable) by a caller limited to some sites only when it touches none of
-- the others; runs that touch no site stay account-wide.
drop policy tenant_read on ai_runs;
drop policy tenant_write on ai_runs;
create policy tenant_read on ai_runs for select to igny8_app
  using (account_id = (select igny8_account_id()) and ((select igny8_site_ids()) is null or site_ids <@ (select igny8_site_ids())));
create policy tenant_write on ai_runs for all to igny8_app
  using ((select igny8_can_write()) and account_id = (select igny8_account_id())
         and ((select igny8_site_ids()) is null or site_ids <@ (select igny8_site_ids())))
  with check ((select igny8_can_write()) and account_id = (select igny8_account_id())
              and ((select igny8_site_ids()) is null or site_ids <@ (select igny8_site_ids())));

-- Jobs in a named queue run one at a time, across every worker process: an account's jobs go to
-- its own few queues (lanes), so it never holds more job slots than it has lanes however many
-- runs it starts, and other accounts' jobs keep the remaining slots.
create function igny8_enqueue_to(queue_name text, identifier text, payload json, job_key text, max_attempts int default 5)
  returns void language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  perform graphile_worker.add_job(identifier, payload, queue_name => queue_name, job_key => job_key, max_attempts => max_attempts);
end $$;
revoke all on function igny8_enqueue_to(text, text, json, text, int) from public;
grant execute on function igny8_enqueue_to(text, text, json, text, int) to igny8_app, igny8_global;

-- Provider call slots per key (an account id), shared by every process: a slot is held under a
-- lease that its holder renews while the call lasts, and that expires when the holder dies. Not
-- tenant data: only the owner role reads it.
create table provider_leases (
  key text not null,
  slot int not null,
  holder text not null,
  expires_at timestamptz not null,
  primary key (key, slot)
);
