-- The commit-time wallet check and the statement sum a wallet's amounts: carrying the amount in
-- the index lets them read the index alone (once the table is vacuumed), not every heap row.
create index journal_lines_account_amount_idx on journal_lines (account_id, id) include (amount_minor);
drop index journal_lines_account_idx;
