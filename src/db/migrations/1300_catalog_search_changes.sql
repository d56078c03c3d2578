-- Change log that keeps each API process's in-memory search index current (catalogue search,
-- docs/catalog.md). Statement-level triggers record which products changed (or, with null,
-- that shared facts changed: merchants, brands, authorisations, categories, pavilions) under
-- the writing transaction's id; a process reads the rows whose transaction it may not have
-- seen yet (txid >= the xmin of its previous read), so commit order never hides a change.
create table catalog_search_changes (
  txid xid8 not null default pg_current_xact_id(),
  product_ids uuid[],
  recorded_at timestamptz not null default now()
);
create index catalog_search_changes_txid_idx on catalog_search_changes (txid);
create index catalog_search_changes_recorded_idx on catalog_search_changes (recorded_at);

create function catalog_search_products_changed() returns trigger language plpgsql as $$
begin
  insert into catalog_search_changes (product_ids) select array_agg(distinct id) from changed_rows having count(*) > 0;
  return null;
end $$;

create function catalog_search_product_rows_changed() returns trigger language plpgsql as $$
begin
  insert into catalog_search_changes (product_ids) select array_agg(distinct product_id) from changed_rows having count(*) > 0;
  return null;
end $$;

create function catalog_search_shared_changed() returns trigger language plpgsql as $$
begin
  insert into catalog_search_changes (product_ids) values (null);
  return null;
end $$;

create trigger catalog_search_products_ins after insert on products referencing new table as changed_rows for each statement execute function catalog_search_products_changed();
create trigger catalog_search_products_upd after update on products referencing new table as changed_rows for each statement execute function catalog_search_products_changed();
create trigger catalog_search_products_del after delete on products referencing old table as changed_rows for each statement execute function catalog_search_products_changed();

create trigger catalog_search_docs_ins after insert on product_search referencing new table as changed_rows for each statement execute function catalog_search_product_rows_changed();
create trigger catalog_search_docs_upd after update on product_search referencing new table as changed_rows for each statement execute function catalog_search_product_rows_changed();
create trigger catalog_search_docs_del after delete on product_search referencing old table as changed_rows for each statement execute function catalog_search_product_rows_changed();

create trigger catalog_search_titles_ins after insert on product_translations referencing new table as changed_rows for each statement execute function catalog_search_product_rows_changed();
create trigger catalog_search_titles_upd after update on product_translations referencing new table as changed_rows for each statement execute function catalog_search_product_rows_changed();
create trigger catalog_search_titles_del after delete on product_translations referencing old table as changed_rows for each statement execute function catalog_search_product_rows_changed();

create trigger catalog_search_images_ins after insert on product_images referencing new table as changed_rows for each statement execute function catalog_search_product_rows_changed();
create trigger catalog_search_images_upd after update on product_images referencing new table as changed_rows for each statement execute function catalog_search_product_rows_changed();
create trigger catalog_search_images_del after delete on product_images referencing old table as changed_rows for each statement execute function catalog_search_product_rows_changed();

create trigger catalog_search_merchants after insert or update or delete on merchants for each statement execute function catalog_search_shared_changed();
create trigger catalog_search_brands after insert or update or delete on brands for each statement execute function catalog_search_shared_changed();
create trigger catalog_search_authorisations after insert or update or delete on brand_authorisations for each statement execute function catalog_search_shared_changed();
create trigger catalog_search_categories after insert or update or delete on categories for each statement execute function catalog_search_shared_changed();
create trigger catalog_search_pavilions after insert or update or delete on pavilions for each statement execute function catalog_search_shared_changed();
create trigger catalog_search_pavilion_storefronts after insert or update or delete on pavilion_storefronts for each statement execute function catalog_search_shared_changed();
create trigger catalog_search_storefronts after insert or update or delete on storefronts for each statement execute function catalog_search_shared_changed();
