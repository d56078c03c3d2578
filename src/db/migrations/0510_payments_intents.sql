-- Payment intents: one state machine for every provider (see src/payments/model.ts).
-- order_id has no foreign key on purpose: orders are owned by the orders domain and the
-- amounts are checked against the order row by the service.
create table payment_intents (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id),
  purpose text not null check (purpose in ('order', 'top_up')),
  order_id uuid,
  provider text not null check (provider in ('wallet', 'card_sandbox', 'alipay')),
  capture_method text not null default 'automatic' check (capture_method in ('automatic', 'manual')),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  amount_minor bigint not null check (amount_minor > 0),
  captured_minor bigint not null default 0,
  refunded_minor bigint not null default 0,
  status text not null default 'created' check (status in (
    'created', 'processing', 'requires_action', 'authorised', 'captured', 'partially_refunded', 'refunded', 'cancelled', 'failed')),
  failure_code text,
  provider_reference text,
  idempotency_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A refund never exceeds what was captured, a capture never exceeds what was authorised.
  constraint payment_intents_refund_within_capture check (refunded_minor >= 0 and refunded_minor <= captured_minor),
  constraint payment_intents_capture_within_amount check (captured_minor >= 0 and captured_minor <= amount_minor),
  constraint payment_intents_top_up_has_no_order check (purpose = 'order' or order_id is null),
  constraint payment_intents_idempotency unique (account_id, idempotency_key)
);
create index payment_intents_order_idx on payment_intents (order_id);
create index payment_intents_account_idx on payment_intents (account_id, created_at desc);
create unique index payment_intents_provider_reference_key on payment_intents (provider, provider_reference);

-- Every notification a provider sent, valid or not: duplicates are recognised by their id,
-- bad signatures stay on record for investigation.
create table provider_notifications (
  id bigint generated always as identity primary key,
  provider text not null,
  notification_id text not null,
  intent_id uuid,
  signature_valid boolean not null,
  outcome text not null check (outcome in ('applied', 'duplicate', 'stale', 'rejected')),
  detail text,
  payload jsonb not null,
  received_at timestamptz not null default now()
);
create unique index provider_notifications_once on provider_notifications (provider, notification_id) where outcome in ('applied', 'stale');
create index provider_notifications_intent_idx on provider_notifications (intent_id);

-- The card sandbox's outgoing notifications, delivered asynchronously to the notification path.
create table card_sandbox_events (
  id bigint generated always as identity primary key,
  intent_id uuid not null references payment_intents (id),
  body jsonb not null,
  deliver_after timestamptz not null default now(),
  delivered_at timestamptz
);
create index card_sandbox_events_pending_idx on card_sandbox_events (id) where delivered_at is null;

-- FX rates with the time they take effect: 1 unit of base = rate units of quote.
create table fx_rates (
  id uuid primary key default gen_random_uuid(),
  base char(3) not null check (base ~ '^[A-Z]{3}$'),
  quote char(3) not null check (quote ~ '^[A-Z]{3}$'),
  rate numeric(24, 10) not null check (rate > 0),
  effective_at timestamptz not null,
  created_at timestamptz not null default now(),
  constraint fx_rates_pair check (base <> quote),
  constraint fx_rates_once unique (base, quote, effective_at)
);

-- Each conversion done for money that moved, with the rate used.
create table fx_conversions (
  id uuid primary key default gen_random_uuid(),
  rate_id uuid not null references fx_rates (id),
  from_currency char(3) not null,
  to_currency char(3) not null,
  from_minor bigint not null,
  to_minor bigint not null,
  at timestamptz not null,
  created_at timestamptz not null default now()
);

-- Settlement: each posting moves an order line's money (net of refunds) to the merchant's
-- payable, minus commission; a refund later posts the negative difference.
create table settlement_runs (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid not null references merchants (id),
  currency char(3) not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  gross_minor bigint not null,
  commission_minor bigint not null,
  net_minor bigint not null,
  entry_id bigint references journal_entries (id),
  created_at timestamptz not null default now(),
  constraint settlement_runs_period check (period_start < period_end),
  constraint settlement_runs_once unique (merchant_id, currency, period_start, period_end),
  constraint settlement_runs_net check (net_minor = gross_minor - commission_minor)
);

create table settlement_postings (
  id bigint generated always as identity primary key,
  order_line_id uuid not null,
  order_id uuid not null,
  merchant_id uuid not null references merchants (id),
  entry_id bigint not null references journal_entries (id),
  -- In the order's (shopper's) currency.
  order_currency char(3) not null,
  order_amount_minor bigint not null,
  -- In the merchant's settlement currency.
  currency char(3) not null,
  gross_minor bigint not null,
  commission_minor bigint not null,
  net_minor bigint not null,
  fx_rate_id uuid references fx_rates (id),
  settlement_run_id uuid references settlement_runs (id),
  created_at timestamptz not null default now(),
  constraint settlement_postings_net check (net_minor = gross_minor - commission_minor)
);
create index settlement_postings_line_idx on settlement_postings (order_line_id);
create index settlement_postings_unsettled_idx on settlement_postings (merchant_id, created_at) where settlement_run_id is null;
create index settlement_postings_run_idx on settlement_postings (settlement_run_id);

-- Member payment code: a device registered by a shopper; its secret drives a TOTP-like code.
create sequence member_devices_number_seq minvalue 1000000000 maxvalue 9999999999;
create table member_devices (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts (id) on delete cascade,
  -- Printed in the code so the till finds the device without trying every secret.
  number bigint not null unique default nextval('member_devices_number_seq'),
  label text not null,
  secret text not null,
  -- The last time step a code of this device was accepted: an older or equal step is a replay.
  last_used_step bigint,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index member_devices_account_idx on member_devices (account_id);
