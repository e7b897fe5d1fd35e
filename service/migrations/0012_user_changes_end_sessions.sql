-- A deactivated user, a new password or a new role ends the user's sessions (access tokens carry
-- the role), whichever code path made the change.
create function igny8_end_sessions_of_changed_user() returns trigger
language plpgsql as $$
begin
  update auth_sessions set revoked_at = now(), revoked_reason = 'user changed by a manager'
  where user_id = new.id and revoked_at is null;
  return null;
end $$;

create trigger users_changes_end_sessions
  after update of password_hash, role, is_active on users
  for each row
  when (old.password_hash is distinct from new.password_hash
        or old.role is distinct from new.role
        or (old.is_active and not new.is_active))
  execute function igny8_end_sessions_of_changed_user();
