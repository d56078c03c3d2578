-- API keys for integrators: publishable (a storefront's public calls) and secret (back-office
-- integrations, with scopes). Only a SHA-256 of the key is stored; the key is shown once.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid references merchants (id),
  kind text not null check (kind in ('publishable', 'secret')),
  name text not null,
  -- The first characters, to recognise a key in lists and logs.
  prefix text not null,
  key_hash text not null unique,
  scopes text[] not null default '{}' check (scopes <@ array['read', 'write']::text[]),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_keys_merchant_idx on api_keys (merchant_id);
