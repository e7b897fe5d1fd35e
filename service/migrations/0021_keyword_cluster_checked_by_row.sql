-- A keyword's cluster is checked by one row function, on insert as on update (0019 checked it on
-- insert a second way, in the statement-level check). The row trigger has a condition, so a row
-- without a cluster, as every imported row is, queues nothing; the statement-level check keeps
-- only the sectors.
drop trigger keywords_check_references on keywords;
drop function igny8_keywords_check_references();

create function igny8_keywords_check_sectors() returns trigger language plpgsql
  set search_path = pg_catalog, public as $$
declare
  wanted bigint;
  locked bigint;
begin
  select count(*) into wanted from (select distinct sector_id, site_id, account_id from inserted) n;
  perform from sectors s
    where (s.id, s.site_id, s.account_id) in (select sector_id, site_id, account_id from inserted)
    for key share of s;
  get diagnostics locked = row_count;
  if locked < wanted then
    raise foreign_key_violation using
      message = 'insert or update on table "keywords" violates foreign key constraint "keywords_sector"',
      detail = 'A keyword''s sector does not exist in its site and account.',
      table = 'keywords', constraint = 'keywords_sector';
  end if;
  return null;
end $$;

create trigger keywords_check_sectors after insert on keywords
  referencing new table as inserted for each statement execute function igny8_keywords_check_sectors();

create trigger keywords_cluster_checked_on_insert after insert on keywords
  for each row when (new.cluster_id is not null)
  execute function igny8_keyword_check_cluster();
