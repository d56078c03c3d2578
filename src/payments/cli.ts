import type { Database } from '../db/client.js';
import { checkLedger, type LedgerReport } from './service/check.js';

export function formatLedgerReport(report: LedgerReport): string {
  const head = `ledger: ${report.entries} entries, ${report.lines} lines, ${report.accounts} accounts`;
  if (report.ok) return `${head}\nok: every invariant holds`;
  return [head, `${report.violations.length} violation(s):`, ...report.violations.map((v) => `  ✗ ${v.invariant}: ${v.detail}`)].join('\n');
}

/** `mercato ledger check`: prints the report and answers the process exit code (1 on any violation). */
export async function ledgerCheckCommand(database: Database, json = false): Promise<number> {
  const report = await checkLedger(database.db);
  console.log(json ? JSON.stringify(report, null, 2) : formatLedgerReport(report));
  return report.ok ? 0 : 1;
}
