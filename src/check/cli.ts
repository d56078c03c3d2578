import type { Database } from '../db/client.js';
import { checkInvariants, formatCheckReport } from './invariants.js';

/** `mercato check`: prints the report and answers the process exit code (1 on any violation). */
export async function checkCommand(database: Database, options: { json?: boolean; heldGraceMs?: number } = {}): Promise<number> {
  const report = await checkInvariants(database.db, { heldGraceMs: options.heldGraceMs });
  console.log(options.json ? JSON.stringify(report, null, 2) : formatCheckReport(report));
  return report.ok ? 0 : 1;
}
