-- Search documents and quotes look tiers up by SKU; the primary key leads with the list.
create index price_tiers_sku_idx on price_tiers (sku_id, min_quantity);
