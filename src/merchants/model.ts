/**
 * Pure rules of the marketplace side: the onboarding and IP-complaint state machines (as data),
 * the 30-day onboarding deadline and its milestones, brand-authorisation validity, and the
 * launch programme's GMV figures. No I/O here; service.ts does the reading and writing.
 */

// --- onboarding ------------------------------------------------------------------------------

export const ONBOARDING_STATUSES = ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'rejected', 'storefront_configured', 'live'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];
export type OnboardingAction = 'submit' | 'start_review' | 'request_changes' | 'resubmit' | 'approve' | 'reject' | 'configure_storefront' | 'go_live';
export type Actor = 'merchant' | 'operator';

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  /** Who may take this step. */
  by: readonly Actor[];
  /** A reason (shown to the other side) is required. */
  needsReason?: boolean;
  /** Domain event recorded with the change. */
  event: string;
}

export const ONBOARDING_TRANSITIONS: Record<OnboardingAction, Transition<OnboardingStatus>> = {
  submit: { from: ['draft'], to: 'submitted', by: ['merchant', 'operator'], event: 'onboarding.submitted' },
  start_review: { from: ['submitted'], to: 'in_review', by: ['operator'], event: 'onboarding.review_started' },
  request_changes: { from: ['in_review'], to: 'changes_requested', by: ['operator'], needsReason: true, event: 'onboarding.changes_requested' },
  resubmit: { from: ['changes_requested'], to: 'submitted', by: ['merchant', 'operator'], event: 'onboarding.resubmitted' },
  approve: { from: ['in_review'], to: 'approved', by: ['operator'], event: 'onboarding.approved' },
  reject: { from: ['in_review'], to: 'rejected', by: ['operator'], needsReason: true, event: 'onboarding.rejected' },
  configure_storefront: { from: ['approved'], to: 'storefront_configured', by: ['merchant', 'operator'], event: 'onboarding.storefront_configured' },
  go_live: { from: ['storefront_configured'], to: 'live', by: ['operator'], event: 'onboarding.live' },
};

export type TransitionOutcome<S> =
  | { ok: true; to: S; event: string }
  | { ok: false; reason: 'illegal' | 'forbidden' | 'reason_required'; detail: string };

/** The one function that applies a state machine table: the target state or why not. */
export function applyTransition<S extends string, A extends string>(
  table: Record<A, Transition<S>>, from: S, action: A, actor: Actor, reason?: string | null,
): TransitionOutcome<S> {
  const step = table[action];
  if (!step) return { ok: false, reason: 'illegal', detail: `unknown action ${action}` };
  if (!step.from.includes(from)) return { ok: false, reason: 'illegal', detail: `cannot ${action} from ${from} (allowed from ${step.from.join(', ')})` };
  if (!step.by.includes(actor)) return { ok: false, reason: 'forbidden', detail: `${action} is for ${step.by.join(' or ')}` };
  if (step.needsReason && !reason?.trim()) return { ok: false, reason: 'reason_required', detail: `${action} needs a reason` };
  return { ok: true, to: step.to, event: step.event };
}

export const ONBOARDING_DEADLINE_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/**
 * When each stage should be reached, in days after submission, so that a store opens within
 * 30 days; a stage still not reached after its day is late.
 */
export const ONBOARDING_MILESTONES: ReadonlyArray<{ stage: OnboardingStatus; byDay: number }> = [
  { stage: 'in_review', byDay: 3 },
  { stage: 'approved', byDay: 14 },
  { stage: 'storefront_configured', byDay: 25 },
  { stage: 'live', byDay: 30 },
];

/** Days left (or remaining at risk) below which an open application is at risk. */
export const AT_RISK_DAYS_LEFT = 7;

export interface DeadlineView {
  deadlineAt: Date | null;
  /** Whole days left until the deadline (negative once past); null before submission. */
  daysLeft: number | null;
  /** Milestones due and not reached, oldest first. */
  lateSteps: Array<{ stage: OnboardingStatus; dueAt: Date }>;
  atRisk: boolean;
  overdue: boolean;
}

export function deadlineView(app: { status: OnboardingStatus; submittedAt: Date | null; stageTimes: Record<string, string> }, now: Date): DeadlineView {
  if (!app.submittedAt) return { deadlineAt: null, daysLeft: null, lateSteps: [], atRisk: false, overdue: false };
  const deadlineAt = new Date(app.submittedAt.getTime() + ONBOARDING_DEADLINE_DAYS * DAY_MS);
  const closed = app.status === 'live' || app.status === 'rejected';
  const daysLeft = Math.ceil((deadlineAt.getTime() - now.getTime()) / DAY_MS);
  const lateSteps = closed ? [] : ONBOARDING_MILESTONES
    .map((m) => ({ stage: m.stage, dueAt: new Date(app.submittedAt!.getTime() + m.byDay * DAY_MS) }))
    .filter((m) => !app.stageTimes[m.stage] && m.dueAt.getTime() < now.getTime());
  const overdue = !closed && now.getTime() > deadlineAt.getTime();
  return { deadlineAt, daysLeft, lateSteps, overdue, atRisk: !closed && (overdue || daysLeft <= AT_RISK_DAYS_LEFT || lateSteps.length > 0) };
}

// --- IP complaints ---------------------------------------------------------------------------

export const COMPLAINT_STATUSES = ['suspended', 'counter_noticed', 'reinstated', 'removed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintAction = 'counter_notice' | 'reinstate' | 'remove';

/** Filing a complaint suspends the listing at once; these are the steps after it. */
export const COMPLAINT_TRANSITIONS: Record<ComplaintAction, Transition<ComplaintStatus>> = {
  counter_notice: { from: ['suspended'], to: 'counter_noticed', by: ['merchant'], needsReason: true, event: 'ip_complaint.counter_noticed' },
  reinstate: { from: ['suspended', 'counter_noticed'], to: 'reinstated', by: ['operator'], needsReason: true, event: 'ip_complaint.reinstated' },
  remove: { from: ['suspended', 'counter_noticed'], to: 'removed', by: ['operator'], needsReason: true, event: 'ip_complaint.removed' },
};

/** How long the seller has to answer a complaint. */
export const COUNTER_NOTICE_DAYS = 10;

export function counterNoticeDue(filedAt: Date): Date {
  return new Date(filedAt.getTime() + COUNTER_NOTICE_DAYS * DAY_MS);
}

/**
 * Extra guards on complaint steps that depend on time: a counter-notice only within its window;
 * a decision on an unanswered complaint only once that window has closed (the seller is heard).
 */
export function complaintTimeGuard(action: ComplaintAction, status: ComplaintStatus, dueAt: Date, now: Date): string | null {
  if (action === 'counter_notice' && now.getTime() > dueAt.getTime()) return 'the counter-notice window has closed';
  if ((action === 'reinstate' || action === 'remove') && status === 'suspended' && now.getTime() <= dueAt.getTime()) {
    return 'the seller may still file a counter-notice; decide after the window closes or once it is filed';
  }
  return null;
}

// --- brand authorisation ---------------------------------------------------------------------

export interface AuthorisationPeriod { validFrom: Date; validTo: Date; revokedAt: Date | null }

export function authorisationValid(a: AuthorisationPeriod, at: Date): boolean {
  return a.revokedAt === null && a.validFrom.getTime() <= at.getTime() && at.getTime() < a.validTo.getTime();
}

// --- launch programme ------------------------------------------------------------------------

export const PROGRAMME_DAYS = 90;

/** Minor-unit exponents that differ from 2 (ISO 4217). */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };
export const exponentOf = (currency: string): number => EXPONENTS[currency] ?? 2;

/**
 * Converts minor units at a decimal rate ("7.8512" target units per source unit) exactly, in
 * integers, rounding half away from zero. Rates are strings so no float ever touches money.
 */
export function convertMinor(amountMinor: number, from: string, to: string, rate: string): number {
  if (from === to) return amountMinor;
  const match = /^([0-9]+)(?:\.([0-9]{1,12}))?$/.exec(rate.trim());
  if (!match) throw new Error(`not a decimal rate: ${rate}`);
  const fraction = match[2] ?? '';
  const rateScaled = BigInt(match[1] + fraction);
  let numerator = BigInt(amountMinor) * rateScaled;
  let denominator = 10n ** BigInt(fraction.length);
  const shift = exponentOf(to) - exponentOf(from);
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return Number(negative ? -rounded : rounded);
}

/** Net paid sales (amount minus refunds) on programme day `dayIndex` (0 = the first 24 hours). */
export interface DailyNet { dayIndex: number; currency: string; netMinor: number }

export interface ProgrammeFigures {
  targetMinor: number;
  targetCurrency: string;
  startsAt: Date;
  endsAt: Date;
  elapsedDays: number;
  gmvMinor: number;
  /** One entry per day from the start to today (or the end), in the target currency. */
  daily: Array<{ day: string; gmvMinor: number; cumulativeMinor: number }>;
  /** GMV at the end of the 90 days if the run rate so far continues. */
  projectedMinor: number;
  progressBps: number;
  status: 'on_track' | 'at_risk' | 'achieved' | 'missed';
  /** Currencies with sales but no rate into the target currency (left out of the figures). */
  unconverted: string[];
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The programme's figures from net paid sales per programme day and currency. A programme day
 * is 24 hours from the start instant; the run rate is GMV per elapsed day (a started day
 * counts as a day).
 */
export function programmeFigures(
  programme: { startsAt: Date; endsAt: Date; targetMinor: number; targetCurrency: string },
  sales: DailyNet[], rates: Map<string, string>, now: Date,
): ProgrammeFigures {
  const { startsAt, endsAt, targetMinor, targetCurrency } = programme;
  const until = now.getTime() < endsAt.getTime() ? now : endsAt;
  const totalDays = Math.round((endsAt.getTime() - startsAt.getTime()) / DAY_MS);
  const elapsedDays = until.getTime() <= startsAt.getTime() ? 0 : Math.min(totalDays, Math.ceil((until.getTime() - startsAt.getTime()) / DAY_MS));
  const perDay = new Map<number, number>();
  const unconverted = new Set<string>();
  for (const s of sales) {
    const rate = s.currency === targetCurrency ? '1' : rates.get(s.currency);
    if (!rate) { unconverted.add(s.currency); continue; }
    perDay.set(s.dayIndex, (perDay.get(s.dayIndex) ?? 0) + convertMinor(s.netMinor, s.currency, targetCurrency, rate));
  }
  const daily: ProgrammeFigures['daily'] = [];
  let cumulative = 0;
  for (let i = 0; i < elapsedDays; i++) {
    const day = dayOf(new Date(startsAt.getTime() + i * DAY_MS));
    const gmv = perDay.get(i) ?? 0;
    cumulative += gmv;
    daily.push({ day, gmvMinor: gmv, cumulativeMinor: cumulative });
  }
  const projectedMinor = elapsedDays === 0 ? 0 : Math.round((cumulative * totalDays) / elapsedDays);
  const ended = now.getTime() >= endsAt.getTime();
  const status = cumulative >= targetMinor ? 'achieved' : ended ? 'missed' : projectedMinor >= targetMinor ? 'on_track' : 'at_risk';
  return {
    targetMinor, targetCurrency, startsAt, endsAt, elapsedDays, gmvMinor: cumulative, daily, projectedMinor,
    progressBps: Math.floor((cumulative * 10000) / targetMinor), status, unconverted: [...unconverted].sort(),
  };
}
