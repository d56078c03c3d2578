import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { journalEntries, journalLines, ledgerAccounts, type LedgerAccountKind, type ProviderName } from '../schema.js';
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
 * Posts one journal entry. Wallet balances move with a conditional UPDATE, in account-id order so
 * two entries cannot deadlock; a wallet that would go below zero refuses with
 * payments.insufficient_funds. The database checks at commit that the entry balances per
 * currency and that each wallet's balance equals its lines.
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

  const [inserted] = await tx.insert(journalEntries).values({
    kind: entry.kind, referenceId: entry.referenceId ?? null, idempotencyKey: entry.idempotencyKey ?? null, memo: entry.memo ?? null,
  }).onConflictDoNothing({ target: journalEntries.idempotencyKey }).returning({ id: journalEntries.id });
  if (!inserted) {
    const [first] = await tx.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.idempotencyKey, entry.idempotencyKey!));
    return { entryId: first.id, replayed: true, walletBalances: {} };
  }

  const walletBalances: Record<string, number> = {};
  const wallets = postings.filter((p) => p.account.kind === 'shopper_wallet').sort((a, b) => (a.account.id < b.account.id ? -1 : 1));
  for (const p of wallets) {
    const moved = await tx.execute(sql`
      update ledger_accounts set balance_minor = balance_minor + ${p.amountMinor}
      where id = ${p.account.id} and balance_minor + ${p.amountMinor} >= 0 returning balance_minor`);
    if (moved.rows.length === 0) {
      const balance = await walletBalanceOf(tx, p.account.id);
      throw new DomainError('payments.insufficient_funds', `The wallet holds ${balance} ${p.account.currency} minor units; ${-p.amountMinor} are needed`,
        { balanceMinor: balance, neededMinor: -p.amountMinor, currency: p.account.currency });
    }
    walletBalances[p.account.id] = Number(moved.rows[0].balance_minor);
  }
  await tx.insert(journalLines).values(postings.map((p) => ({ entryId: inserted.id, accountId: p.account.id, currency: p.account.currency, amountMinor: p.amountMinor })));
  return { entryId: inserted.id, replayed: false, walletBalances };
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
