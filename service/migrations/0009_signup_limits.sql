-- Sign-ups are counted per client address and in all before any password is hashed. Not tenant
-- data: no account exists yet. Only the global role reads it.
create table signup_attempts (
  id bigint generated always as identity primary key,
  ip text not null,
  created_at timestamptz not null default now()
);
create index signup_attempts_ip on signup_attempts (ip, created_at);
create index signup_attempts_created on signup_attempts (created_at);
grant select, insert, delete on signup_attempts to igny8_global;

-- Failed sign-ins are limited per email and client address together.
create index signin_attempts_email_ip on signin_attempts (email, ip, created_at);
