-- Files of the file store whose image row is gone, whatever deleted it: the image itself, or its
-- content, task, sector, site or account by cascade. The workers' housekeeping removes each file
-- from the store, then its row here; a file is never left behind by a delete that forgot it.
create table stored_file_orphans (
  storage_key text primary key,
  orphaned_at timestamptz not null default now()
);
-- Not tenant data, and no role of the service reads it: only the trigger below (as the owner)
-- writes it and the housekeeping (as the owner) drains it.

create function igny8_orphan_image_files() returns trigger language plpgsql security definer
  set search_path = pg_catalog, public as $$
begin
  insert into stored_file_orphans (storage_key)
  select storage_key from deleted where storage_key is not null
  on conflict (storage_key) do nothing;
  return null;
end $$;

create trigger images_orphan_files after delete on images
  referencing old table as deleted for each statement execute function igny8_orphan_image_files();
