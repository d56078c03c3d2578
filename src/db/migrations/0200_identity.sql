create table accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  password_hash text not null,
  display_name text not null,
  role text not null check (role in ('shopper', 'merchant', 'associate', 'operator')),
  merchant_id uuid references merchants (id),
  location_id uuid references locations (id),
  locale text not null default 'en' check (locale in ('es', 'it', 'en', 'zh')),
  created_at timestamptz not null default now(),
  -- A merchant account is bound to exactly one merchant, an associate to exactly one location.
  constraint accounts_merchant_binding check ((role = 'merchant') = (merchant_id is not null)),
  constraint accounts_location_binding check ((role = 'associate') = (location_id is not null))
);
create unique index accounts_email_key on accounts (lower(email));

-- Opaque bearer tokens: only their SHA-256 is stored, so a database leak yields no usable token.
create table sessions (
  token_hash text primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  client_ip text,
  user_agent text
);
create index sessions_account_idx on sessions (account_id);
