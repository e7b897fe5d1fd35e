-- The writer's content: articles generated from tasks (or edited by hand) as block markup, their
-- revision history, and the checkpoints that let a retried generation resume where it stopped.

-- A task written by hand names the author profile and strategy its article follows.
alter table tasks
  add column author_profile_id uuid references author_profiles (id) on delete set null,
  add column strategy_id uuid references strategies (id) on delete set null;

create table content (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  task_id uuid references tasks (id) on delete set null,
  title text not null check (length(title) between 1 and 300),
  meta_title text not null default '' check (length(meta_title) <= 60),
  meta_description text not null default '' check (length(meta_description) <= 160),
  excerpt text not null default '' check (length(excerpt) <= 1000),
  primary_keyword text not null default '',
  secondary_keywords text[] not null default '{}',
  -- The article as the block editor stores it (serialized block markup), and the same as plain HTML.
  blocks text not null default '',
  html text not null default '',
  word_count int not null default 0,
  status text not null default 'draft' check (status in ('draft', 'review', 'approved', 'published', 'failed')),
  wp_post_id bigint,
  wp_url text,
  internal_links jsonb not null default '[]',
  run_id uuid references ai_runs (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One article per task: generating a task again replaces its article (the old one goes to the revisions).
  unique (task_id),
  unique (id, account_id),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id)
);
create index content_account on content (account_id, created_at desc);
create index content_sector on content (sector_id, created_at desc);

-- What the content was before each change: a PATCH of its text or a new generation.
create table content_revisions (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  content_id uuid not null,
  title text not null,
  meta_title text not null,
  meta_description text not null,
  excerpt text not null,
  blocks text not null,
  word_count int not null,
  reason text not null check (reason in ('edit', 'generation')),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (content_id, account_id) references content (id, account_id) on delete cascade
);
create index content_revisions_content on content_revisions (content_id, created_at desc);

-- Each provider answer of a generation as soon as it arrives (part 0 the outline, 1… the sections),
-- so that a retried run pays only for what is missing. Deleted when the run saves its articles.
create table content_checkpoints (
  run_id uuid not null references ai_runs (id) on delete cascade,
  task_id uuid not null references tasks (id) on delete cascade,
  part int not null check (part >= 0),
  account_id uuid not null,
  site_id uuid not null,
  answer jsonb not null,
  created_at timestamptz not null default now(),
  primary key (run_id, task_id, part)
);

select igny8_protect(t, site_column => 'site_id') from unnest(array['content', 'content_revisions', 'content_checkpoints']) t;
