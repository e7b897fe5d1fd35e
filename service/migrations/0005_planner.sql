-- The planner: keywords, clusters, content ideas and writer tasks, all inside a sector. Composite
-- foreign keys keep every row's account and sector consistent with what it points at, so even a
-- hand-written insert cannot tie one account's keyword to another account's sector or cluster.

create extension if not exists pg_trgm;


create table clusters (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  name text not null check (length(name) between 1 and 300),
  description text not null default '',
  intent text check (intent in ('informational', 'navigational', 'commercial', 'transactional')),
  pillar_keyword_id uuid,
  keyword_count int not null default 0,
  total_volume bigint not null default 0,
  avg_difficulty numeric(5, 2),
  status text not null default 'active' check (status in ('active', 'archived')),
  source text not null default 'auto' check (source in ('auto', 'manual')),
  run_id uuid references ai_runs (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, sector_id),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id)
);
create index clusters_account on clusters (account_id, created_at desc);
create index clusters_sector on clusters (sector_id, total_volume desc);

create table keywords (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  keyword text not null check (length(keyword) between 1 and 255),
  -- The duplicate key: lower-case, whitespace collapsed (see normalizeKeyword).
  normalized text not null,
  volume int check (volume >= 0),
  difficulty smallint check (difficulty between 0 and 100),
  cpc numeric(10, 2) check (cpc >= 0),
  intent text check (intent in ('informational', 'navigational', 'commercial', 'transactional')),
  country text check (length(country) between 2 and 64),
  status text not null default 'new' check (status in ('new', 'clustered', 'archived')),
  cluster_id uuid,
  -- Set when a user put the keyword in its cluster by hand: re-clustering leaves it there.
  cluster_locked boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (sector_id, normalized),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id),
  foreign key (cluster_id, sector_id) references clusters (id, sector_id) on delete set null (cluster_id)
);
-- Lists are filtered by account (row-level security) and ordered by volume, keyword or date.
create index keywords_account_volume on keywords (account_id, volume desc nulls last, id);
create index keywords_account_keyword on keywords (account_id, keyword, id);
create index keywords_account_created on keywords (account_id, created_at desc, id);
create index keywords_sector_volume on keywords (sector_id, volume desc nulls last, id);
create index keywords_cluster on keywords (cluster_id) where cluster_id is not null;
create index keywords_search on keywords using gin (keyword gin_trgm_ops);

alter table clusters add constraint clusters_pillar foreign key (pillar_keyword_id) references keywords (id) on delete set null;

create table content_ideas (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  cluster_id uuid,
  title text not null check (length(title) between 1 and 300),
  -- The angle: what the reader gets that the current top results miss.
  description text not null default '',
  content_type text not null default 'guide'
    check (content_type in ('guide', 'listicle', 'comparison', 'how_to', 'review', 'explainer', 'case_study', 'news', 'landing_page')),
  outline jsonb not null default '[]',
  target_keyword text not null default '',
  secondary_keywords text[] not null default '{}',
  estimated_word_count int not null default 1500 check (estimated_word_count between 100 and 20000),
  status text not null default 'new' check (status in ('new', 'scheduled', 'archived')),
  run_id uuid references ai_runs (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id),
  foreign key (cluster_id, sector_id) references clusters (id, sector_id) on delete set null (cluster_id)
);
create index content_ideas_account on content_ideas (account_id, created_at desc);
create index content_ideas_cluster on content_ideas (cluster_id) where cluster_id is not null;

create table tasks (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  idea_id uuid references content_ideas (id) on delete set null,
  cluster_id uuid,
  title text not null check (length(title) between 1 and 300),
  brief text not null default '',
  content_type text not null default 'guide',
  outline jsonb not null default '[]',
  primary_keyword text not null default '',
  secondary_keywords text[] not null default '{}',
  target_word_count int not null default 1500 check (target_word_count between 100 and 20000),
  status text not null default 'queued' check (status in ('queued', 'in_progress', 'completed', 'failed')),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One task per idea: creating tasks twice from the same ideas returns the existing ones.
  unique (idea_id),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id),
  foreign key (cluster_id, sector_id) references clusters (id, sector_id) on delete set null (cluster_id)
);
create index tasks_account on tasks (account_id, created_at desc);

select igny8_protect(t, site_column => 'site_id') from unnest(array['clusters', 'keywords', 'content_ideas', 'tasks']) t;
