-- A signed-in shopper has one open cart per channel AND currency: asking for a CNY cart while a
-- EUR one is open opens a CNY cart instead of silently answering the EUR one.
drop index carts_open_per_account;
create unique index carts_open_per_account_currency on carts (account_id, channel, currency) where status = 'open' and channel <> 'pos';
