-- Guests check out too (orders.account_id is nullable): a card or Alipay intent may have no
-- account; a wallet intent and a top-up always belong to one.
alter table payment_intents alter column account_id drop not null;
alter table payment_intents add constraint payment_intents_account_when_needed
  check (account_id is not null or (provider <> 'wallet' and purpose = 'order'));
