-- A POST carrying Idempotency-Key runs once per (scope, key); scope is the account, or the
-- client address for anonymous callers. The stored response is replayed on retries.
create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  method text not null,
  path text not null,
  status_code integer,
  response_body text,
  response_type text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (scope, key)
);

-- Failed sign-ins per account and per client address, in a sliding window.
create table login_throttle (
  scope text not null check (scope in ('account', 'ip')),
  key text not null,
  window_started_at timestamptz not null default now(),
  failures integer not null default 0 check (failures >= 0),
  primary key (scope, key)
);
