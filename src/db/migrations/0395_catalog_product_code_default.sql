-- Products created outside the catalogue service (till quick-adds, fixtures, imports of other
-- domains) get a unique code by default instead of failing; the catalogue sets real codes.
alter table products alter column product_code set default gen_random_uuid()::text;
