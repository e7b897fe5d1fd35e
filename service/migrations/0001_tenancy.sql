-- Tenancy: plans, accounts, users, sites, sectors, site access, industries; the row-level security
-- that confines every request to its account; the append-only credit ledger that sign-up feeds.

create table plans (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  included_credits int not null check (included_credits >= 0),
  max_sites int not null check (max_sites > 0),
  max_users int not null check (max_users > 0),
  price_cents int not null default 0 check (price_cents >= 0),
  is_default boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index plans_one_default on plans (is_default) where is_default;

create table industries (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  description text not null default ''
);

create table industry_sectors (
  id uuid primary key default gen_random_uuid(),
  industry_id uuid not null references industries (id) on delete cascade,
  slug text not null,
  name text not null,
  description text not null default '',
  unique (industry_id, slug)
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  status text not null default 'active' check (status in ('active', 'suspended', 'trial', 'cancelled')),
  plan_id uuid not null references plans (id),
  credits int not null default 0 check (credits >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table subscriptions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  plan_id uuid not null references plans (id),
  status text not null default 'active' check (status in ('active', 'trialing', 'past_due', 'cancelled')),
  current_period_start timestamptz not null default now(),
  current_period_end timestamptz not null default now() + interval '1 month',
  created_at timestamptz not null default now()
);
create unique index subscriptions_one_live on subscriptions (account_id) where status <> 'cancelled';

create table users (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  email text not null check (email = lower(email)),
  name text not null default '',
  role text not null check (role in ('developer', 'owner', 'admin', 'editor', 'viewer', 'system_bot')),
  password_hash text,
  is_active boolean not null default true,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- A person belongs to one account, so an email is unique across the whole service.
create unique index users_email on users (email);
create index users_account on users (account_id);
-- Composite keys let other tables require that what they point at is in their own account.
alter table users add constraint users_id_account unique (id, account_id);

create table sites (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  status text not null default 'active' check (status in ('active', 'inactive', 'suspended')),
  industry_id uuid references industries (id),
  wp_url text,
  wp_username text,
  wp_app_password_enc text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sites_account on sites (account_id);
create unique index sites_account_name on sites (account_id, lower(name));
alter table sites add constraint sites_id_account unique (id, account_id);

create table sectors (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  site_id uuid not null,
  industry_sector_id uuid references industry_sectors (id),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  status text not null default 'active' check (status in ('active', 'inactive')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (site_id, account_id) references sites (id, account_id) on delete cascade,
  unique (id, account_id),
  unique (id, site_id)
);
create index sectors_account on sectors (account_id);
create index sectors_site on sectors (site_id);
create unique index sectors_site_name on sectors (site_id, lower(name));

create table site_access (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  site_id uuid not null,
  user_id uuid not null,
  granted_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (site_id, user_id),
  foreign key (site_id, account_id) references sites (id, account_id) on delete cascade,
  foreign key (user_id, account_id) references users (id, account_id) on delete cascade
);
create index site_access_user on site_access (user_id);

-- Sign-in sessions: one row per refresh-token family; each rotation adds a refresh_tokens row.
create table auth_sessions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  user_agent text not null default '',
  ip text not null default '',
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text
);
create index auth_sessions_user on auth_sessions (user_id);

create table refresh_tokens (
  jti uuid primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  session_id uuid not null references auth_sessions (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index refresh_tokens_session on refresh_tokens (session_id);

-- Not tenant data: attempts are counted per email and per address before any account is known.
create table signin_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  succeeded boolean not null,
  created_at timestamptz not null default now()
);
create index signin_attempts_email on signin_attempts (email, created_at);
create index signin_attempts_ip on signin_attempts (ip, created_at);

-- The credit ledger: every change of a balance is one row, never updated or deleted.
create table credit_transactions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  amount int not null,
  balance_after int not null check (balance_after >= 0),
  kind text not null check (kind in ('grant', 'purchase', 'adjustment', 'reserve', 'settle', 'refund')),
  reason text not null default '',
  run_id uuid,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index credit_transactions_account on credit_transactions (account_id, created_at desc);

create function igny8_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation';
end $$;
create trigger credit_transactions_append_only before update or delete on credit_transactions
  for each row execute function igny8_forbid_change();

-- A site holds at most five active sectors. The site row is locked so that concurrent inserts
-- are counted one after another.
create function igny8_limit_active_sectors() returns trigger language plpgsql as $$
begin
  if new.status = 'active' and (tg_op = 'INSERT' or old.status <> 'active' or old.site_id <> new.site_id) then
    perform 1 from sites where id = new.site_id for update;
    if (select count(*) from sectors where site_id = new.site_id and status = 'active' and id <> new.id) >= 5 then
      raise exception 'a site has at most 5 active sectors' using errcode = 'IG001', column = 'status';
    end if;
  end if;
  return new;
end $$;
create trigger sectors_active_limit before insert or update on sectors
  for each row execute function igny8_limit_active_sectors();

-- Scope settings, set per transaction by the service (see src/db/client.ts). Policies read them
-- through scalar subqueries, `(select igny8_account_id())`, which PostgreSQL evaluates once per
-- statement instead of once per row: on a million keywords that is the difference between an
-- index scan and a crawl.
create function igny8_account_id() returns uuid language sql stable as
  $$ select nullif(current_setting('igny8.account_id', true), '')::uuid $$;
create function igny8_site_ids() returns uuid[] language sql stable as
  $$ select nullif(current_setting('igny8.site_ids', true), '')::uuid[] $$;
-- Whether `site` is among `granted` (null: every site of the account).
create function igny8_site_visible(site uuid, granted uuid[]) returns boolean language sql immutable as
  $$ select granted is null or site = any (granted) $$;
create function igny8_can_write() returns boolean language sql stable as
  $$ select coalesce(current_setting('igny8.read_only', true), '') <> 'on' $$;

-- Row-level security. igny8_app (the login role) sees its account, narrowed to granted sites for
-- editors and viewers; igny8_global sees everything. Writes need a scope that is not read-only.
-- Puts a tenant table under row-level security, the same way for every table: forced (the owner
-- too), readable by igny8_app within its account (and, through `site_column`, its visible sites;
-- `site_optional` lets rows without a site be account-wide), writable unless the scope is
-- read-only, everything for igny8_global, and the service roles' grants. Later migrations call it
-- for their tables and then narrow grants where a table needs less.
create function igny8_protect(tbl text, site_column text default null, site_optional boolean default false,
                              account_column text default 'account_id') returns void language plpgsql as $$
declare
  scope_expr text := format('%I = (select igny8_account_id())', account_column);
begin
  if site_column is not null then
    scope_expr := scope_expr || format(
      case when site_optional then ' and (%1$I is null or igny8_site_visible(%1$I, (select igny8_site_ids())))'
           else ' and igny8_site_visible(%1$I, (select igny8_site_ids()))' end, site_column);
  end if;
  execute format('alter table %I enable row level security', tbl);
  execute format('alter table %I force row level security', tbl);
  execute format('create policy tenant_read on %I for select to igny8_app using (%s)', tbl, scope_expr);
  execute format('create policy tenant_write on %I for all to igny8_app using ((select igny8_can_write()) and %2$s) with check ((select igny8_can_write()) and %2$s)',
                 tbl, scope_expr);
  execute format('create policy global_read on %I for select to igny8_global using (true)', tbl);
  execute format('create policy global_write on %I for all to igny8_global using ((select igny8_can_write())) with check ((select igny8_can_write()))', tbl);
  execute format('grant select, insert, update, delete on %I to igny8_app, igny8_global', tbl);
end $$;

select igny8_protect('accounts', account_column => 'id');
select igny8_protect(t) from unnest(array['users', 'subscriptions', 'auth_sessions', 'refresh_tokens', 'credit_transactions', 'site_access']) t;
select igny8_protect('sites', site_column => 'id');
select igny8_protect('sectors', site_column => 'site_id');

revoke update, delete on credit_transactions from igny8_app, igny8_global;
grant select on plans, industries, industry_sectors to igny8_app, igny8_global;
grant select, insert, delete on signin_attempts to igny8_app, igny8_global;

insert into plans (slug, name, included_credits, max_sites, max_users, price_cents, is_default) values
  ('free', 'Free', 100, 1, 2, 0, true),
  ('starter', 'Starter', 1000, 3, 5, 2900, false),
  ('growth', 'Growth', 5000, 10, 20, 9900, false),
  ('scale', 'Scale', 25000, 50, 100, 29900, false);
