-- Products created by other domains' code (fixtures, quick listings) may omit product_code:
-- it then defaults to a fresh unique code instead of failing the NOT NULL from 0310.
alter table products alter column product_code set default gen_random_uuid()::text;
