-- Webhooks: subscriptions (per merchant, or the platform's own when merchant_id is null),
-- one delivery per (subscription, event) created in the outbox dispatcher's transaction, and a
-- log of every attempt with the receiver's answer.
create table webhook_subscriptions (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid references merchants (id),
  url text not null check (url ~ '^https?://'),
  -- The HMAC key: needed in clear to sign, so it is shown once at creation and never listed.
  secret text not null,
  topics text[] not null check (cardinality(topics) > 0),
  description text,
  status text not null default 'active' check (status in ('active', 'disabled')),
  consecutive_failures integer not null default 0 check (consecutive_failures >= 0),
  disabled_at timestamptz,
  disabled_reason text,
  created_at timestamptz not null default now()
);
create index webhook_subscriptions_active_idx on webhook_subscriptions using gin (topics) where status = 'active';
create index webhook_subscriptions_merchant_idx on webhook_subscriptions (merchant_id);

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  subscription_id uuid not null references webhook_subscriptions (id) on delete cascade,
  event_id uuid not null,
  topic text not null,
  -- The exact bytes sent (and signed) on every attempt.
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivering', 'succeeded', 'dead')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  -- While 'delivering': when the claim lapses and another worker may take it over (crash safety).
  lease_until timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (subscription_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status in ('pending', 'delivering');
create index webhook_deliveries_subscription_idx on webhook_deliveries (subscription_id, created_at desc);

create table webhook_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references webhook_deliveries (id) on delete cascade,
  attempted_at timestamptz not null default now(),
  duration_ms integer not null,
  status_code integer,
  error text,
  response_excerpt text
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id);
