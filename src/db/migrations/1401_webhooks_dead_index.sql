-- /metrics counts dead-lettered deliveries on every scrape: keep that an index-only count.
create index webhook_deliveries_dead_idx on webhook_deliveries (subscription_id) where status = 'dead';
