-- A shopper may pay an order from a wallet in another currency (a CNY wallet, a EUR basket): the
-- intent stays in the order's currency, and records what left the wallet, in which currency, and
-- the conversion (with its rate) used; a refund goes back to that wallet at the same rate.
alter table payment_intents
  add column wallet_currency char(3),
  add column wallet_amount_minor bigint check (wallet_amount_minor > 0),
  add column fx_conversion_id uuid references fx_conversions (id),
  add constraint payment_intents_wallet_fx check (
    (wallet_currency is null and wallet_amount_minor is null and fx_conversion_id is null)
    or (wallet_currency is not null and wallet_amount_minor is not null and fx_conversion_id is not null and provider = 'wallet' and wallet_currency <> currency));
