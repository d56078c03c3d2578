-- Marketplace side of merchants: storefronts, pavilions, brands and their authorisations,
-- onboarding applications (30-day deadline), launch programmes. Every step of a workflow is an
-- audit row (who, when, what). Actor ids carry no foreign key: accounts (0200) come later in
-- the migration order, and an audit row must outlive the account anyway.
-- IP complaints reference products (0300), so they live in 0390.

create table storefronts (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid not null references merchants (id),
  name text not null,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  logo_url text,
  -- { "es": "...", "it": "...", "en": "...", "zh": "..." }
  description jsonb not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'live', 'closed')),
  live_at timestamptz,
  created_at timestamptz not null default now(),
  constraint storefronts_slug_key unique (slug),
  constraint storefronts_live_at check ((status = 'live') <= (live_at is not null))
);
create index storefronts_merchant_idx on storefronts (merchant_id);

create table pavilions (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name jsonb not null,
  description jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table pavilion_storefronts (
  pavilion_id uuid not null references pavilions (id) on delete cascade,
  storefront_id uuid not null references storefronts (id),
  position integer not null default 0,
  primary key (pavilion_id, storefront_id)
);
create index pavilion_storefronts_storefront_idx on pavilion_storefronts (storefront_id);

create table brands (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  owner_merchant_id uuid not null references merchants (id),
  trademark_number text not null,
  trademark_office text not null,
  trademark_classes integer[] not null default '{}',
  trademark_expires_on date not null,
  created_at timestamptz not null default now()
);
create index brands_owner_idx on brands (owner_merchant_id);

-- A brand owner lets a reseller list under its brand for a period; revoking keeps the row.
create table brand_authorisations (
  id uuid primary key default gen_random_uuid(),
  brand_id uuid not null references brands (id),
  merchant_id uuid not null references merchants (id),
  scope text not null default 'all products',
  valid_from timestamptz not null,
  valid_to timestamptz not null,
  revoked_at timestamptz,
  granted_by uuid,
  created_at timestamptz not null default now(),
  constraint brand_authorisations_period check (valid_to > valid_from)
);
create index brand_authorisations_lookup_idx on brand_authorisations (brand_id, merchant_id, valid_to);

create table onboarding_applications (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid not null references merchants (id),
  status text not null default 'draft' check (status in
    ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'rejected', 'storefront_configured', 'live')),
  -- Company data as declared: legal name, registration number, address, contact.
  company jsonb not null,
  -- Brands claimed: [{ name, slug, trademarkNumber, trademarkOffice, trademarkClasses, trademarkExpiresOn }]
  claimed_brands jsonb not null default '[]',
  storefront_id uuid references storefronts (id),
  submitted_at timestamptz,
  -- 30 days from the first submission; set once, never moved by resubmission.
  deadline_at timestamptz,
  -- { "submitted": ts, "in_review": ts, ... }: when each stage was first reached.
  stage_times jsonb not null default '{}',
  last_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint onboarding_deadline check ((submitted_at is null) = (deadline_at is null))
);
create index onboarding_applications_merchant_idx on onboarding_applications (merchant_id);
create index onboarding_applications_open_idx on onboarding_applications (deadline_at) where status not in ('live', 'rejected', 'draft');

create table onboarding_documents (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references onboarding_applications (id),
  kind text not null check (kind in ('trademark_certificate', 'business_licence', 'brand_authorisation', 'other')),
  file_name text not null,
  content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by uuid,
  uploaded_at timestamptz not null default now(),
  constraint onboarding_documents_size check (octet_length(content) = size_bytes)
);
create index onboarding_documents_application_idx on onboarding_documents (application_id);

create table onboarding_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references onboarding_applications (id),
  action text not null,
  from_status text,
  to_status text not null,
  reason text,
  actor_account_id uuid,
  at timestamptz not null default now()
);
create index onboarding_events_application_idx on onboarding_events (application_id, id);

-- The 90-day incubator that starts when a storefront goes live.
create table launch_programmes (
  id uuid primary key default gen_random_uuid(),
  merchant_id uuid not null references merchants (id),
  storefront_id uuid not null references storefronts (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  target_minor bigint not null check (target_minor > 0),
  target_currency char(3) not null,
  -- Conversion rates agreed for the programme: [{ "from": "EUR", "rate": "7.85" }] into target_currency.
  fx_rates jsonb not null default '[]',
  created_at timestamptz not null default now(),
  constraint launch_programmes_window check (ends_at > starts_at),
  constraint launch_programmes_storefront_key unique (storefront_id)
);
create index launch_programmes_merchant_idx on launch_programmes (merchant_id);
