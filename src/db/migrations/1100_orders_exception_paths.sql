-- Exception paths (issue 11): an order whose parcels all came back to the sender is `returned`;
-- a return row says whether the shopper brought it to a store or the parcel went back unclaimed.
alter table orders drop constraint orders_status_known;
alter table orders add constraint orders_status_known
  check (status in ('pending_payment', 'paid', 'fulfilling', 'completed', 'returned', 'cancelled'));

alter table order_returns
  add column kind text not null default 'store' check (kind in ('store', 'return_to_sender'));
