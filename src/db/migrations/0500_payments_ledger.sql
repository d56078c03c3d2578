-- Payments: a double-entry ledger. Amounts are signed integer minor units; a line's amount is
-- what the platform owes the account's holder more (+) or less (-) after the entry. Every
-- journal entry sums to zero per currency; the database refuses to commit one that does not.

create table ledger_accounts (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in (
    'shopper_wallet',       -- stored value a shopper may spend (owner: account)
    'merchant_payable',     -- what the platform owes a merchant (owner: merchant)
    'platform_commission',  -- the platform's commission revenue
    'provider_clearing',    -- money in flight with a provider (per provider and currency)
    'order_receipts',       -- money collected for orders, not yet settled to merchants
    'refunds',              -- money refunded to shoppers through a provider
    'fx_position',          -- the platform's position per currency from cross-border conversions
    'merchant_payouts'      -- money paid out to merchants by settlement runs
  )),
  owner_id uuid,
  provider text check (provider in ('wallet', 'card_sandbox', 'alipay')),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- Maintained for shopper wallets only, in the same transaction as their lines (the spend guard
  -- and the CHECK below use it). Pooled system accounts keep 0 here and their balance is the sum
  -- of their lines, so that a payment does not queue on one hot row.
  balance_minor bigint not null default 0,
  created_at timestamptz not null default now(),
  constraint ledger_accounts_identity unique nulls not distinct (kind, owner_id, provider, currency),
  constraint ledger_accounts_id_currency unique (id, currency),
  constraint ledger_accounts_wallet_not_negative check (kind <> 'shopper_wallet' or balance_minor >= 0),
  constraint ledger_accounts_balance_only_for_wallets check (kind = 'shopper_wallet' or balance_minor = 0),
  constraint ledger_accounts_owner check ((kind in ('shopper_wallet', 'merchant_payable', 'merchant_payouts')) = (owner_id is not null)),
  constraint ledger_accounts_provider check ((kind in ('provider_clearing', 'refunds')) = (provider is not null))
);

create table journal_entries (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('top_up', 'authorisation', 'capture', 'cancellation', 'refund', 'wallet_payment',
    'settlement', 'settlement_reversal', 'payout', 'adjustment')),
  -- What the entry is about: a payment intent, an order, a settlement run.
  reference_id uuid,
  -- Retried calls with the same key post nothing twice.
  idempotency_key text unique,
  memo text,
  created_at timestamptz not null default now()
);
create index journal_entries_reference_idx on journal_entries (reference_id);

create table journal_lines (
  id bigint generated always as identity primary key,
  entry_id bigint not null references journal_entries (id),
  account_id uuid not null,
  currency char(3) not null,
  amount_minor bigint not null check (amount_minor <> 0),
  created_at timestamptz not null default now(),
  -- A line's currency is its account's currency.
  constraint journal_lines_account_currency foreign key (account_id, currency) references ledger_accounts (id, currency)
);
create index journal_lines_entry_idx on journal_lines (entry_id);
create index journal_lines_account_idx on journal_lines (account_id, id);

-- Entries and lines are history: never changed, never removed (a mistake is corrected by a new entry).
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger history is immutable: % on % refused', tg_op, tg_table_name using errcode = '55000';
end $$;
create trigger journal_entries_immutable before update or delete on journal_entries for each row execute function ledger_refuse_change();
create trigger journal_lines_immutable before update or delete on journal_lines for each row execute function ledger_refuse_change();

-- Checked at commit (deferred): the entry has at least two lines and sums to zero in every currency.
create function ledger_check_entry_balanced() returns trigger language plpgsql as $$
declare
  entry bigint := case when tg_table_name = 'journal_entries' then new.id else new.entry_id end;
  line_count integer;
  unbalanced text;
begin
  select count(*) into line_count from journal_lines where entry_id = entry;
  if line_count < 2 then
    raise exception 'journal entry % has % line(s); an entry needs at least two', entry, line_count using errcode = '23514';
  end if;
  select string_agg(currency || ' ' || total, ', ') into unbalanced from (
    select currency, sum(amount_minor) as total from journal_lines where entry_id = entry group by currency having sum(amount_minor) <> 0
  ) off;
  if unbalanced is not null then
    raise exception 'journal entry % does not balance: %', entry, unbalanced using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger journal_entries_balanced after insert on journal_entries
  deferrable initially deferred for each row execute function ledger_check_entry_balanced();
create constraint trigger journal_lines_balanced after insert on journal_lines
  deferrable initially deferred for each row execute function ledger_check_entry_balanced();

-- Checked at commit: a wallet's maintained balance equals the sum of its lines.
create function ledger_check_wallet_balance() returns trigger language plpgsql as $$
declare
  maintained bigint;
  derived bigint;
begin
  select balance_minor into maintained from ledger_accounts where id = new.account_id and kind = 'shopper_wallet';
  if not found then return null; end if;
  select coalesce(sum(amount_minor), 0) into derived from journal_lines where account_id = new.account_id;
  if maintained <> derived then
    raise exception 'wallet % balance % differs from its lines %', new.account_id, maintained, derived using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger journal_lines_wallet_balance after insert on journal_lines
  deferrable initially deferred for each row execute function ledger_check_wallet_balance();
