-- AI runs are the history behind the append-only credit ledger. Deleting a site or a sector
-- cascaded to its runs, which set the ledger's run_id to null, which the ledger refuses: such a
-- site could never be deleted. Runs now keep the ids of the site and sector they worked on as
-- plain values, so they outlive them; row-level security still reads those ids, so a deleted
-- site's runs stay visible to whoever saw every site, and to nobody narrowed to granted sites.
alter table ai_runs drop constraint ai_runs_site_id_fkey;
alter table ai_runs drop constraint ai_runs_sector_id_fkey;
