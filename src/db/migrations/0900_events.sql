-- Transactional outbox: a domain event is inserted in the same transaction as the change it
-- describes, and a dispatcher publishes it afterwards (at least once; consumers dedupe by id).
create table outbox (
  id bigint generated always as identity primary key,
  -- Public, globally unique id: consumers and JetStream dedupe on it.
  event_id uuid not null unique default gen_random_uuid(),
  topic text not null check (topic ~ '^[a-z_]+\.[a-z_.]+$'),
  aggregate_id text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  published_at timestamptz
);
create index outbox_unpublished_idx on outbox (id) where published_at is null;
