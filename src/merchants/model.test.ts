import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_TRANSITIONS, ONBOARDING_STATUSES, ONBOARDING_TRANSITIONS, type OnboardingAction, type OnboardingStatus,
  applyTransition, authorisationValid, complaintTimeGuard, convertMinor, deadlineView, programmeFigures,
} from './model.js';

const DAY = 24 * 3600 * 1000;
const t0 = new Date('2026-03-01T09:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('onboarding state machine', () => {
  const legal: Array<[OnboardingStatus, OnboardingAction, 'merchant' | 'operator', OnboardingStatus]> = [
    ['draft', 'submit', 'merchant', 'submitted'],
    ['submitted', 'start_review', 'operator', 'in_review'],
    ['in_review', 'request_changes', 'operator', 'changes_requested'],
    ['changes_requested', 'resubmit', 'merchant', 'submitted'],
    ['in_review', 'approve', 'operator', 'approved'],
    ['in_review', 'reject', 'operator', 'rejected'],
    ['approved', 'configure_storefront', 'merchant', 'storefront_configured'],
    ['storefront_configured', 'go_live', 'operator', 'live'],
  ];
  it.each(legal)('from %s, %s by %s leads to %s', (from, action, actor, to) => {
    expect(applyTransition(ONBOARDING_TRANSITIONS, from, action, actor, 'because')).toMatchObject({ ok: true, to });
  });

  it('refuses every step not in the table as illegal', () => {
    const allowed = new Set(legal.map(([from, action]) => `${from}:${action}`));
    for (const from of ONBOARDING_STATUSES) {
      for (const action of Object.keys(ONBOARDING_TRANSITIONS) as OnboardingAction[]) {
        if (allowed.has(`${from}:${action}`)) continue;
        expect(applyTransition(ONBOARDING_TRANSITIONS, from, action, 'operator', 'because')).toMatchObject({ ok: false, reason: 'illegal' });
      }
    }
  });

  it('keeps review decisions for the operator and asks for a reason on rejection and change requests', () => {
    expect(applyTransition(ONBOARDING_TRANSITIONS, 'in_review', 'approve', 'merchant')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(applyTransition(ONBOARDING_TRANSITIONS, 'in_review', 'reject', 'operator', ' ')).toMatchObject({ ok: false, reason: 'reason_required' });
    expect(applyTransition(ONBOARDING_TRANSITIONS, 'in_review', 'request_changes', 'operator')).toMatchObject({ ok: false, reason: 'reason_required' });
  });
});

describe('the 30-day onboarding deadline', () => {
  const submitted = { status: 'submitted' as const, submittedAt: t0, stageTimes: { submitted: t0.toISOString() } };
  it.each([
    ['on the day of submission', 0, 30, false, []],
    ['late for review after three days', 3.5, 27, true, ['in_review']],
    ['late for approval after two weeks, even when reviewed', 15, 15, true, ['approved']],
    ['at risk with a week left', 23.5, 7, true, ['approved']],
    ['overdue after thirty days', 31, -1, true, ['approved', 'storefront_configured', 'live']],
  ] as const)('%s', (_name, days, daysLeft, atRisk, late) => {
    const app = days >= 15 ? { ...submitted, status: 'in_review' as const, stageTimes: { ...submitted.stageTimes, in_review: at(1).toISOString() } } : submitted;
    const view = deadlineView(app, at(days));
    expect(view.daysLeft).toBe(daysLeft);
    expect(view.atRisk).toBe(atRisk);
    expect(view.lateSteps.map((s) => s.stage)).toEqual(late);
    expect(view.deadlineAt).toEqual(at(30));
  });

  it('has no deadline before submission and none at risk once live or rejected', () => {
    expect(deadlineView({ status: 'draft', submittedAt: null, stageTimes: {} }, at(40))).toMatchObject({ daysLeft: null, atRisk: false });
    expect(deadlineView({ status: 'live', submittedAt: t0, stageTimes: {} }, at(40))).toMatchObject({ atRisk: false, overdue: false, lateSteps: [] });
    expect(deadlineView({ status: 'rejected', submittedAt: t0, stageTimes: {} }, at(40)).atRisk).toBe(false);
  });
});

describe('IP complaint state machine', () => {
  it.each([
    ['suspended', 'counter_notice', 'merchant', true],
    ['suspended', 'reinstate', 'operator', true],
    ['counter_noticed', 'remove', 'operator', true],
    ['counter_noticed', 'counter_notice', 'merchant', false],
    ['removed', 'reinstate', 'operator', false],
    ['reinstated', 'remove', 'operator', false],
    ['suspended', 'remove', 'merchant', false],
  ] as const)('from %s, %s by %s allowed: %s', (from, action, actor, ok) => {
    expect(applyTransition(COMPLAINT_TRANSITIONS, from, action, actor, 'evidence').ok).toBe(ok);
  });

  it('allows a counter-notice only within the window and a decision on an unanswered complaint only after it', () => {
    const due = at(10);
    expect(complaintTimeGuard('counter_notice', 'suspended', due, at(9))).toBeNull();
    expect(complaintTimeGuard('counter_notice', 'suspended', due, at(11))).toMatch(/closed/);
    expect(complaintTimeGuard('remove', 'suspended', due, at(9))).toMatch(/still file/);
    expect(complaintTimeGuard('remove', 'suspended', due, at(11))).toBeNull();
    expect(complaintTimeGuard('reinstate', 'counter_noticed', due, at(2))).toBeNull();
  });
});

describe('brand authorisation validity', () => {
  it.each([
    ['before it starts', -1, null, false],
    ['while valid', 5, null, true],
    ['at its end (exclusive)', 10, null, false],
    ['after revocation', 5, at(4), false],
  ] as const)('%s', (_name, day, revokedAt, valid) => {
    expect(authorisationValid({ validFrom: at(0), validTo: at(10), revokedAt }, at(day))).toBe(valid);
  });
});

describe('money conversion', () => {
  it.each([
    [10000, 'EUR', 'CNY', '7.85', 78500],
    [1, 'EUR', 'CNY', '7.85', 8],
    [12345, 'EUR', 'JPY', '162.5', 20061],
    [1000, 'JPY', 'EUR', '0.0061', 610],
    [-10000, 'EUR', 'CNY', '7.85', -78500],
    [500, 'CNY', 'CNY', '99', 500],
  ] as const)('%i %s at %s into %s', (amount, from, to, rate, expected) => {
    expect(convertMinor(amount, from, to, rate)).toBe(expected);
  });
});

describe('launch programme figures', () => {
  const programme = { startsAt: t0, endsAt: at(90), targetMinor: 1_000_000_00, targetCurrency: 'CNY' };
  const sales = [
    { dayIndex: 0, currency: 'CNY', netMinor: 3_000_000_00 },
    { dayIndex: 0, currency: 'EUR', netMinor: 10_000_00 },
    { dayIndex: 2, currency: 'CNY', netMinor: 1_000_000 },
    { dayIndex: 2, currency: 'USD', netMinor: 5_000 },
  ];

  it('converts, accumulates per day, projects the run rate and reports unconverted currencies', () => {
    const figures = programmeFigures(programme, sales, new Map([['EUR', '7.85']]), at(2.5));
    expect(figures.elapsedDays).toBe(3);
    expect(figures.daily).toEqual([
      { day: '2026-03-01', gmvMinor: 3_078_500_00, cumulativeMinor: 3_078_500_00 },
      { day: '2026-03-02', gmvMinor: 0, cumulativeMinor: 3_078_500_00 },
      { day: '2026-03-03', gmvMinor: 1_000_000, cumulativeMinor: 3_088_500_00 },
    ]);
    expect(figures.gmvMinor).toBe(3_088_500_00);
    expect(figures.status).toBe('achieved');
    expect(figures.unconverted).toEqual(['USD']);
  });

  it('is on track when the projection reaches the target, at risk when not, missed after the end', () => {
    const slow = [{ dayIndex: 0, currency: 'CNY', netMinor: 10_000_00 }];
    const onTrack = programmeFigures(programme, [{ dayIndex: 0, currency: 'CNY', netMinor: 120_000_00 }], new Map(), at(9.5));
    expect(onTrack.projectedMinor).toBe(1_080_000_00);
    expect(onTrack.status).toBe('on_track');
    const atRisk = programmeFigures(programme, slow, new Map(), at(9.5));
    expect(atRisk.projectedMinor).toBe(90_000_00);
    expect(atRisk.status).toBe('at_risk');
    expect(atRisk.progressBps).toBe(100);
    const missed = programmeFigures(programme, slow, new Map(), at(95));
    expect(missed.status).toBe('missed');
    expect(missed.daily).toHaveLength(90);
  });
});
