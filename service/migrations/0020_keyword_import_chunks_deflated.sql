-- Uploads waiting for their import job are stored deflated (see keywords/stored-upload.ts): the
-- driver passes bytea as hex text, so every stored megabyte was a 2 MB string in the service's heap
-- on the way in and again on the way out. Pieces stored before this column are not deflated.
alter table keyword_import_chunks add column deflated boolean not null default false;
