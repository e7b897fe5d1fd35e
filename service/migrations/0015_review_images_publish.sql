-- Review and approval of content, the images of an article, and publishing to WordPress.

-- A site may require that content is approved by an owner or admin before it is published, and
-- caps how many internal links an article of a cluster gets.
alter table sites
  add column require_approval boolean not null default false,
  add column internal_links_max int not null default 3 check (internal_links_max between 0 and 20);

alter table content
  add column approved_by uuid references users (id) on delete set null,
  add column approved_at timestamptz,
  -- The last publish: when it ended well, or why it did not, in words a user can act on.
  add column published_at timestamptz,
  add column publish_error text,
  -- SEO fields that the site did not expose through its REST API on the last publish.
  add column meta_not_set text[] not null default '{}';

-- The images of an article: the featured one and one per few sections. The prompt and alt text
-- come from generate_image_prompts; the bytes are stored at once by generate_images (never a
-- provider URL, which expires); publishing records the WordPress attachment as soon as it exists.
create table images (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  site_id uuid not null,
  sector_id uuid not null,
  content_id uuid not null,
  kind text not null check (kind in ('featured', 'in_article')),
  -- For in-article images, the section (0-based) after whose heading the image is placed.
  position int not null default 0 check (position >= 0),
  prompt text not null check (length(prompt) between 1 and 4000),
  alt text not null default '' check (length(alt) <= 300),
  caption text not null default '' check (length(caption) <= 500),
  style text not null default 'realistic' check (style in ('realistic', 'artistic', 'cartoon')),
  size text not null default '1024x1024' check (size ~ '^[0-9]{2,4}x[0-9]{2,4}$'),
  status text not null default 'pending' check (status in ('pending', 'generated', 'failed')),
  error text,
  -- Where the stored bytes are, for the storage interface (a path under the data folder by default).
  storage_key text,
  mime_type text,
  width int,
  height int,
  bytes int,
  provider text,
  model text,
  wp_attachment_id bigint,
  wp_url text,
  run_id uuid references ai_runs (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (content_id, kind, position),
  unique (id, account_id),
  foreign key (content_id, account_id) references content (id, account_id) on delete cascade,
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade,
  foreign key (sector_id, site_id) references sectors (id, site_id)
);
create index images_account on images (account_id, created_at desc);
create index images_content on images (content_id);

select igny8_protect('images', site_column => 'site_id');
