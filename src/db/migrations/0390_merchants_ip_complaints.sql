-- IP complaints (merchants domain) reference products, so they come after the catalogue core.
create table ip_complaints (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references products (id),
  brand_id uuid not null references brands (id),
  complainant_merchant_id uuid not null references merchants (id),
  respondent_merchant_id uuid not null references merchants (id),
  reason text not null,
  evidence jsonb not null default '[]',
  status text not null default 'suspended' check (status in ('suspended', 'counter_noticed', 'reinstated', 'removed')),
  counter_notice text,
  counter_notice_due_at timestamptz not null,
  decision_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ip_complaints_product_idx on ip_complaints (product_id);
create index ip_complaints_open_idx on ip_complaints (status) where status in ('suspended', 'counter_noticed');

create table ip_complaint_events (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references ip_complaints (id),
  action text not null,
  from_status text,
  to_status text not null,
  detail text,
  actor_account_id uuid,
  at timestamptz not null default now()
);
create index ip_complaint_events_complaint_idx on ip_complaint_events (complaint_id, id);
