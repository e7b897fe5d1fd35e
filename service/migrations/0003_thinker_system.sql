-- Thinker and system settings of an account: prompt template overrides (the built-in defaults live
-- in code), author profiles and content strategies that shape generated text, and the AI provider
-- integrations with their API keys encrypted at rest.

create table prompt_templates (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  function text not null check (function in ('auto_cluster', 'generate_ideas', 'generate_content',
                                             'generate_image_prompts', 'generate_images')),
  template text not null check (length(template) between 1 and 20000),
  updated_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, function)
);

create table author_profiles (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  tone text not null default '',
  audience text not null default '',
  reading_level text not null default '',
  do_list text[] not null default '{}',
  dont_list text[] not null default '{}',
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index author_profiles_account_name on author_profiles (account_id, lower(name));
-- The profile writers use when a task names none: at most one per account.
create unique index author_profiles_one_default on author_profiles (account_id) where is_default;

create table strategies (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  -- A strategy may be account-wide or belong to one site (and optionally one of its sectors).
  site_id uuid,
  sector_id uuid,
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  content_types text[] not null default '{}',
  target_word_count int check (target_word_count between 100 and 20000),
  tone text not null default '',
  instructions text not null default '',
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (sector_id is null or site_id is not null),
  -- Composite keys: the site is the strategy's account's, and the sector is that site's.
  foreign key (site_id, account_id) references sites (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id) on delete cascade
);
create unique index strategies_account_name on strategies (account_id, lower(name));
create unique index strategies_one_default on strategies (account_id) where is_default;
create index strategies_site on strategies (site_id) where site_id is not null;

create table integration_settings (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  type text not null check (type in ('openai', 'runware')),
  -- Non-secret overrides only (base URL, models); the API key is in secret_enc, never here.
  settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object'),
  secret_enc text,
  is_enabled boolean not null default true,
  updated_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (account_id, type)
);

-- Row-level security as in 0001: the account's rows for igny8_app, writes only in a writable
-- scope; site-bound strategies only for users who see the site.
select igny8_protect(t) from unnest(array['prompt_templates', 'author_profiles', 'integration_settings']) t;
select igny8_protect('strategies', site_column => 'site_id', site_optional => true);
