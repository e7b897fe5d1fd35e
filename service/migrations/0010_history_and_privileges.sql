-- AI runs are the history behind the append-only credit ledger. Deleting a site or a sector
-- cascaded to its runs, which set the ledger's run_id to null, which the ledger refuses: such a
-- site could never be deleted. Runs now keep the ids of the site and sector they worked on as
-- plain values, so they outlive them; row-level security still reads those ids, so a deleted
-- site's runs stay visible to whoever saw every site, and to nobody narrowed to granted sites.
alter table ai_runs drop constraint ai_runs_site_id_fkey;
alter table ai_runs drop constraint ai_runs_sector_id_fkey;

-- The login role changes only what a tenant may change. Balances, plans, account status and user
-- roles change as igny8_global (bookkeeping and developers), which the service switches to for
-- those statements alone, so that no tenant statement, however written, can raise them.
revoke insert, update, delete on accounts from igny8_app;
grant update (name, updated_at) on accounts to igny8_app;
revoke insert, update, delete on subscriptions from igny8_app;
revoke update on users from igny8_app;
grant update (name, is_active, password_hash, updated_at) on users to igny8_app;
-- Nor may it create a user with a role that sees every account.
create policy tenant_roles on users as restrictive for insert to igny8_app
  with check (role not in ('developer', 'system_bot'));
-- Sign-in attempts are counted before any account is known, as igny8_global.
revoke all on signin_attempts from igny8_app;
