-- What a reviewer said when sending content back to draft, shown to its writers until the next
-- approval; and a revision reason for the text replaced when internal links are placed again.

alter table content
  add column review_note text not null default '' check (length(review_note) <= 2000);

alter table content_revisions drop constraint content_revisions_reason_check;
alter table content_revisions
  add constraint content_revisions_reason_check check (reason in ('edit', 'generation', 'internal_links'));

-- The articles of a cluster are looked up by the cluster of their task when links are placed.
create index if not exists tasks_cluster on tasks (cluster_id) where cluster_id is not null;
