-- Keyword CSV imports too large to answer while the client waits run as jobs: the upload is kept
-- here until its job has merged it, and the job's progress is what the client polls.

create table keyword_imports (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  created_by uuid references users (id) on delete set null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  bytes bigint not null check (bytes >= 0),
  rows_read int not null default 0,
  rows_good int not null default 0,
  rows_bad int not null default 0,
  -- The same answer an import made while the client waits gives: {created, updated, skipped, errors, …}.
  result jsonb,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now(),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id) on delete cascade
);
create index keyword_imports_account on keyword_imports (account_id, created_at desc);

-- The uploaded file in pieces of about a megabyte, deleted once the import has finished.
create table keyword_import_chunks (
  import_id uuid not null references keyword_imports (id) on delete cascade,
  account_id uuid not null,
  seq int not null,
  data bytea not null,
  primary key (import_id, seq)
);
-- CSV compresses well, but compressing on the way in and out costs more time than the disk saved
-- on a file that lives for a minute.
alter table keyword_import_chunks alter column data set storage external;

select igny8_protect('keyword_imports', site_column => 'site_id');
select igny8_protect('keyword_import_chunks');

-- Each keyword row was checked against its sector twice, once for the account and once for the
-- site: one foreign key over the three columns checks the same with one lookup, which an import
-- of a million rows notices.
alter table sectors add constraint sectors_id_site_account unique (id, site_id, account_id);
alter table keywords add constraint keywords_sector foreign key (sector_id, site_id, account_id)
  references sectors (id, site_id, account_id) on delete cascade;
alter table keywords drop constraint keywords_sector_id_account_id_fkey, drop constraint keywords_sector_id_site_id_fkey;
