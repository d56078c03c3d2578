-- A shopper's preferred currency for prices in the web app (null: follow the language's default).
-- The language preference is accounts.locale already.
alter table accounts add column currency char(3) check (currency ~ '^[A-Z]{3}$');
