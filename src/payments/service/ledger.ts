import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { journalEntries, ledgerAccounts, type LedgerAccountKind, type ProviderName } from '../schema.js';
import '../errors.js';

export interface LedgerAccountKey {
  kind: LedgerAccountKind;
  currency: string;
  /** The shopper account (wallet) or merchant (payable, payouts). */
  ownerId?: string | null;
  /** For provider clearing and refunds. */
  provider?: ProviderName | null;
}

export interface LedgerAccount { id: string; kind: LedgerAccountKind; currency: string }

/** The ledger account for `key`, opened on first use. */
export async function ledgerAccount(tx: Tx, key: LedgerAccountKey): Promise<LedgerAccount> {
  const found = await findLedgerAccount(tx, key);
  if (found) return found;
  // Two first uses may race: the loser's insert does nothing and the select finds the winner's row.
  await tx.insert(ledgerAccounts).values({ kind: key.kind, currency: key.currency, ownerId: key.ownerId ?? null, provider: key.provider ?? null }).onConflictDoNothing();
  const created = await findLedgerAccount(tx, key);
  if (!created) throw new Error(`ledger account ${key.kind} ${key.currency} could not be opened`);
  return created;
}

export async function findLedgerAccount(tx: Tx, key: LedgerAccountKey): Promise<LedgerAccount | null> {
  const [row] = await tx.select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, currency: ledgerAccounts.currency }).from(ledgerAccounts).where(and(
    eq(ledgerAccounts.kind, key.kind), eq(ledgerAccounts.currency, key.currency),
    key.ownerId ? eq(ledgerAccounts.ownerId, key.ownerId) : isNull(ledgerAccounts.ownerId),
    key.provider ? eq(ledgerAccounts.provider, key.provider) : isNull(ledgerAccounts.provider),
  ));
  return row ?? null;
}

/** Several accounts in one query (a payment needs the wallet and the receipts); null where none is open yet. */
export async function findLedgerAccounts(tx: Tx, keys: LedgerAccountKey[]): Promise<Array<LedgerAccount | null>> {
  const rows = await tx.select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, currency: ledgerAccounts.currency, ownerId: ledgerAccounts.ownerId, provider: ledgerAccounts.provider })
    .from(ledgerAccounts).where(or(...keys.map((key) => and(
      eq(ledgerAccounts.kind, key.kind), eq(ledgerAccounts.currency, key.currency),
      key.ownerId ? eq(ledgerAccounts.ownerId, key.ownerId) : isNull(ledgerAccounts.ownerId),
      key.provider ? eq(ledgerAccounts.provider, key.provider) : isNull(ledgerAccounts.provider),
    ))));
  return keys.map((key) => {
    const row = rows.find((r) => r.kind === key.kind && r.currency === key.currency && r.ownerId === (key.ownerId ?? null) && r.provider === (key.provider ?? null));
    return row ? { id: row.id, kind: row.kind, currency: row.currency } : null;
  });
}

function keyCondition(key: LedgerAccountKey) {
  return and(
    eq(ledgerAccounts.kind, key.kind), eq(ledgerAccounts.currency, key.currency),
    key.ownerId ? eq(ledgerAccounts.ownerId, key.ownerId) : isNull(ledgerAccounts.ownerId),
    key.provider ? eq(ledgerAccounts.provider, key.provider) : isNull(ledgerAccounts.provider),
  );
}

const sameKey = (key: LedgerAccountKey) => (r: Record<string, any>) =>
  r.kind === key.kind && r.currency === key.currency && (r.owner_id ?? null) === (key.ownerId ?? null) && (r.provider ?? null) === (key.provider ?? null);

/**
 * Every account a posting needs, opened where missing, in ONE statement (a checkout's payment and
 * its settlement each resolve theirs at once, however many lines and merchants). Rows opened by
 * this statement come from its RETURNING; the others from the table.
 */
export async function ledgerAccountsFor(tx: Tx, keys: LedgerAccountKey[]): Promise<LedgerAccount[]> {
  if (keys.length === 0) return [];
  const values = sql.join(keys.map((k) => sql`(${k.kind}, ${k.currency}, ${k.ownerId ?? null}::uuid, ${k.provider ?? null})`), sql`, `);
  const { rows } = await tx.execute(sql`
    with opened as (
      insert into ledger_accounts (kind, currency, owner_id, provider) values ${values}
      on conflict do nothing returning id, kind, currency, owner_id, provider)
    select id, kind, currency, owner_id, provider from opened
    union all
    select id, kind, currency, owner_id, provider from ledger_accounts where ${or(...keys.map(keyCondition))}`);
  const found = keys.map((key) => rows.find(sameKey(key)));
  if (found.every(Boolean)) return found.map((r) => ({ id: String(r!.id), kind: r!.kind, currency: String(r!.currency).trim() }));
  // Opened meanwhile by a transaction that committed after this statement's snapshot: read again.
  return Promise.all(keys.map((key) => ledgerAccount(tx, key)));
}

export interface Posting { account: LedgerAccount; amountMinor: number }

export interface PostedEntry {
  entryId: number;
  /** True when the idempotency key had already posted; nothing moved this time. */
  replayed: boolean;
  /** The new balance of each wallet the entry moved, by ledger account id. */
  walletBalances: Record<string, number>;
}

export interface NewJournalEntry {
  kind: 'top_up' | 'authorisation' | 'capture' | 'cancellation' | 'refund' | 'wallet_payment' | 'settlement' | 'settlement_reversal' | 'payout' | 'adjustment';
  referenceId?: string | null;
  /** A retried post with the same key posts nothing and answers the first entry. */
  idempotencyKey?: string | null;
  memo?: string | null;
  postings: Posting[];
}

/** Adds postings to the same account together and drops those that come to zero. */
export function mergePostings(postings: Posting[]): Posting[] {
  const byAccount = new Map<string, Posting>();
  for (const p of postings) {
    const seen = byAccount.get(p.account.id);
    if (seen) seen.amountMinor += p.amountMinor;
    else byAccount.set(p.account.id, { account: p.account, amountMinor: p.amountMinor });
  }
  return [...byAccount.values()].filter((p) => p.amountMinor !== 0);
}

/**
 * Posts one journal entry in one statement: the entry, the wallet balance moves (a conditional
 * UPDATE per wallet: balance + delta >= 0) and the lines, which are written only when every
 * wallet move succeeded. A wallet that would go below zero refuses with
 * payments.insufficient_funds; like any failed statement, that leaves the caller's transaction
 * to be rolled back. The database checks at commit that the entry balances per currency and
 * that each wallet's balance equals its lines.
 */
export async function postEntry(tx: Tx, entry: NewJournalEntry): Promise<PostedEntry> {
  const postings = mergePostings(entry.postings);
  const totals = new Map<string, number>();
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amountMinor)) throw new DomainError('payments.amount_invalid', `${p.amountMinor} is not a whole number of minor units`);
    totals.set(p.account.currency, (totals.get(p.account.currency) ?? 0) + p.amountMinor);
  }
  for (const [currency, total] of totals) if (total !== 0) throw new Error(`journal entry ${entry.kind} does not balance in ${currency}: ${total}`);
  if (postings.length < 2) throw new Error(`journal entry ${entry.kind} needs at least two non-zero postings`);

  const wallets = postings.filter((p) => p.account.kind === 'shopper_wallet');
  const moves = wallets.length === 0
    ? sql`select null::uuid as id, null::bigint as balance_minor where false`
    : sql`update ledger_accounts a set balance_minor = a.balance_minor + d.delta
        from (values ${sql.join(wallets.map((p) => sql`(${p.account.id}::uuid, ${p.amountMinor}::bigint)`), sql`, `)}) as d (id, delta), entry
        where a.id = d.id and a.kind = 'shopper_wallet' and a.balance_minor + d.delta >= 0
        returning a.id, a.balance_minor`;
  const { rows } = await tx.execute(sql`
    with entry as (
      insert into journal_entries (kind, reference_id, idempotency_key, memo)
      values (${entry.kind}, ${entry.referenceId ?? null}::uuid, ${entry.idempotencyKey ?? null}, ${entry.memo ?? null})
      on conflict (idempotency_key) do nothing returning id
    ),
    moved as (${moves}),
    lines as (
      insert into journal_lines (entry_id, account_id, currency, amount_minor)
      select entry.id, p.account_id, p.currency, p.amount_minor
      from entry, (values ${sql.join(postings.map((p) => sql`(${p.account.id}::uuid, ${p.account.currency}, ${p.amountMinor}::bigint)`), sql`, `)}) as p (account_id, currency, amount_minor)
      where (select count(*) from moved) = ${wallets.length}
      returning id
    )
    select (select id from entry) as entry_id, (select count(*) from lines) as lines,
      (select coalesce(json_agg(json_build_array(id, balance_minor)), '[]'::json) from moved) as moved`);
  const result = rows[0];
  if (result.entry_id === null) {
    const [first] = await tx.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.idempotencyKey, entry.idempotencyKey!));
    return { entryId: first.id, replayed: true, walletBalances: {} };
  }
  const moved = (typeof result.moved === 'string' ? JSON.parse(result.moved) : result.moved) as Array<[string, number | string]>;
  const walletBalances: Record<string, number> = Object.fromEntries(moved.map(([id, balance]) => [id, Number(balance)]));
  if (Number(result.lines) === 0) {
    const short = wallets.find((p) => !(p.account.id in walletBalances))!;
    const balance = await walletBalanceOf(tx, short.account.id);
    throw new DomainError('payments.insufficient_funds', `The wallet holds ${balance} ${short.account.currency} minor units; ${-short.amountMinor} are needed`,
      { balanceMinor: balance, neededMinor: -short.amountMinor, currency: short.account.currency });
  }
  return { entryId: Number(result.entry_id), replayed: false, walletBalances };
}

async function walletBalanceOf(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ balance: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(eq(ledgerAccounts.id, accountId));
  return row?.balance ?? 0;
}

/** The balance of any ledger account, derived from its lines. */
export async function derivedBalance(tx: Tx, accountId: string): Promise<number> {
  const { rows } = await tx.execute(sql`select coalesce(sum(amount_minor), 0) as balance from journal_lines where account_id = ${accountId}`);
  return Number(rows[0].balance);
}

/** Balances of every ledger account of a kind (e.g. each merchant's payable), derived from lines. */
export async function balancesByKind(tx: Tx, kind: LedgerAccountKind): Promise<Array<{ accountId: string; ownerId: string | null; provider: string | null; currency: string; balanceMinor: number }>> {
  const { rows } = await tx.execute(sql`
    select a.id, a.owner_id, a.provider, a.currency, coalesce(sum(l.amount_minor), 0) as balance
    from ledger_accounts a left join journal_lines l on l.account_id = a.id
    where a.kind = ${kind} group by a.id order by a.currency, a.id`);
  return rows.map((r) => ({ accountId: String(r.id), ownerId: r.owner_id ?? null, provider: r.provider ?? null, currency: String(r.currency), balanceMinor: Number(r.balance) }));
}
