-- Sites that sign their requests: the WordPress plugin's Ed25519 public key on the site, one-time
-- connect codes that let the plugin register it, the request ids (jti) already used, and an
-- `actor` on the rows that record who made them, since a signed site has no IGNY8 user.

alter table sites add column wp_public_key text check (wp_public_key ~ '^[A-Za-z0-9_-]{43}$');
alter table sites add column connected_at timestamptz;

-- Only the sha256 of a code is kept: a leaked table connects nothing.
create table site_connect_codes (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  site_id uuid not null,
  code_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (site_id, account_id) references sites (id, account_id) on delete cascade
);
create index site_connect_codes_site on site_connect_codes (site_id);
select igny8_protect('site_connect_codes', site_column => 'site_id');

-- Single use of a signed request's jti across every instance of the service. Rows are kept until
-- the request's own expiry has passed (a replay after that fails on `exp` anyway), then pruned.
-- Not tenant data: checked before the caller is known, as igny8_global.
create table site_request_ids (
  site_id uuid not null references sites (id) on delete cascade,
  jti text not null,
  expires_at timestamptz not null,
  primary key (site_id, jti)
);
create index site_request_ids_expiry on site_request_ids (expires_at);
grant select, insert, delete on site_request_ids to igny8_global;

-- Connect attempts with a code are limited per client address, before any account is known.
create table connect_attempts (
  id bigint generated always as identity primary key,
  ip text not null,
  created_at timestamptz not null default now()
);
create index connect_attempts_ip on connect_attempts (ip, created_at);
grant select, insert, delete on connect_attempts to igny8_global;

-- Who acted: `user:<id>`, `site:<id>/wp-user:<id>` or `system`, next to `created_by`.
alter table ai_runs add column actor text;
alter table tasks add column actor text;
alter table credit_transactions add column actor text;
