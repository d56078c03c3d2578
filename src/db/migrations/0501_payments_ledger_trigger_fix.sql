-- 0500's balance check named new.entry_id in an expression also planned for journal_entries rows,
-- which have no such field; pick the entry id per table instead.
create or replace function ledger_check_entry_balanced() returns trigger language plpgsql as $$
declare
  entry bigint;
  line_count integer;
  unbalanced text;
begin
  if tg_table_name = 'journal_entries' then
    entry := new.id;
  else
    entry := new.entry_id;
  end if;
  select count(*) into line_count from journal_lines where entry_id = entry;
  if line_count < 2 then
    raise exception 'journal entry % has % line(s); an entry needs at least two', entry, line_count using errcode = '23514';
  end if;
  select string_agg(currency || ' ' || total, ', ') into unbalanced from (
    select currency, sum(amount_minor) as total from journal_lines where entry_id = entry group by currency having sum(amount_minor) <> 0
  ) off;
  if unbalanced is not null then
    raise exception 'journal entry % does not balance: %', entry, unbalanced using errcode = '23514';
  end if;
  return null;
end $$;
