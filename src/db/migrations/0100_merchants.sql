create table merchants (
  id uuid primary key default gen_random_uuid(),
  legal_name text not null,
  country char(2) not null,
  kind text not null check (kind in ('brand_owner', 'reseller')),
  settlement_currency char(3) not null,
  -- Commission in basis points (1250 = 12.5 %): integer, so no float ever touches money.
  commission_bps integer not null default 1000 check (commission_bps between 0 and 10000),
  status text not null default 'active' check (status in ('pending', 'active', 'suspended')),
  created_at timestamptz not null default now()
);
