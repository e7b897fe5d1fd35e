-- Exact keyword counts per sector, kept by statement-level triggers, so that listing a million
-- keywords answers its total without counting them on every page.

create table keyword_counts (
  sector_id uuid primary key,
  account_id uuid not null,
  site_id uuid not null,
  n bigint not null default 0 check (n >= 0),
  foreign key (sector_id, account_id) references sectors (id, account_id) on delete cascade
);
create index keyword_counts_account on keyword_counts (account_id);

alter table keyword_counts enable row level security;
alter table keyword_counts force row level security;
-- The owner's triggers below are the only writers.
create policy owner_maintains on keyword_counts for all to current_user using (true) with check (true);
create policy tenant_read on keyword_counts for select to igny8_app
  using (account_id = (select igny8_account_id()) and igny8_site_visible(site_id, (select igny8_site_ids())));
create policy global_read on keyword_counts for select to igny8_global using (true);
-- Read-only for the service's roles: only the triggers below (running as the owner) change counts.
grant select on keyword_counts to igny8_app, igny8_global;

create function igny8_count_inserted_keywords() returns trigger language plpgsql security definer
  set search_path = pg_catalog, public as $$
begin
  insert into keyword_counts (sector_id, account_id, site_id, n)
  select sector_id, account_id, site_id, count(*) from inserted group by sector_id, account_id, site_id
  on conflict (sector_id) do update set n = keyword_counts.n + excluded.n;
  return null;
end $$;

create function igny8_count_deleted_keywords() returns trigger language plpgsql security definer
  set search_path = pg_catalog, public as $$
begin
  update keyword_counts c set n = c.n - d.n
  from (select sector_id, count(*) as n from deleted group by sector_id) d
  where c.sector_id = d.sector_id;
  return null;
end $$;

create trigger keywords_count_inserted after insert on keywords
  referencing new table as inserted for each statement execute function igny8_count_inserted_keywords();
create trigger keywords_count_deleted after delete on keywords
  referencing old table as deleted for each statement execute function igny8_count_deleted_keywords();

-- Keywords never change sector; the counts rely on it.
create function igny8_keep_keyword_sector() returns trigger language plpgsql as $$
begin
  raise exception 'a keyword cannot move to another sector' using errcode = 'IG001', column = 'sector_id';
end $$;
create trigger keywords_sector_fixed before update of sector_id, site_id, account_id on keywords
  for each row when (new.sector_id is distinct from old.sector_id or new.site_id is distinct from old.site_id
                     or new.account_id is distinct from old.account_id)
  execute function igny8_keep_keyword_sector();
