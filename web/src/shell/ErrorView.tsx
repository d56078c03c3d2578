import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { ApiProblem } from '../api/client';
import { useT } from '../i18n/t';

/** Thrown by a route guard when the signed-in account's role may not open the page. */
export class ForbiddenError extends Error {
  constructor(readonly roles: string[]) {
    super(`for ${roles.join(', ')}`);
    this.name = 'ForbiddenError';
  }
}

/** Problem codes that deserve their own words; others are explained by their status. */
const BY_CODE: Record<string, string> = {
  'network.unreachable': 'error.network',
  'identity.invalid_credentials': 'error.wrongPassword',
  'identity.login_throttled': 'error.tooMany',
  'identity.email_taken': 'error.emailTaken',
  'payments.insufficient_funds': 'error.insufficientFunds',
  'orders.option_unavailable': 'error.slotFilled',
  'locations.slot_full': 'error.slotFilled',
  'inventory.sold_out': 'error.soldOut',
  'inventory.insufficient': 'error.soldOut',
  'orders.sku_not_found': 'error.notSold',
  'catalog.price_missing': 'error.priceMissing',
  'catalog.below_moq': 'error.belowMoq',
  'orders.not_cancellable': 'error.notCancellable',
  'orders.cart_closed': 'error.cartClosed',
};

/** The message id explaining a problem in a shopper's words, from its code, else its status. */
export function messageIdFor(status: number, code: string): string {
  if (BY_CODE[code]) return BY_CODE[code];
  if (status === 400) return 'error.badInput';
  if (status === 401) return 'error.signIn';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFound';
  if (status === 409) return 'error.conflict';
  if (status === 422) return 'error.unprocessable';
  if (status === 429) return 'error.tooMany';
  return 'error.server';
}

export function problemMessageId(error: unknown): string {
  if (error instanceof ForbiddenError) return 'error.forbidden';
  if (!(error instanceof ApiProblem)) return 'error.unexpected';
  return messageIdFor(error.status, error.code);
}

/** A problem shown inline (forms, actions): the plain-words message and the server's own detail. */
export function ProblemNote({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const detail = error instanceof ApiProblem ? error.problem.detail : null;
  return (
    <div role="alert" className="problem">
      <p className="problem-title">{t(problemMessageId(error))}</p>
      {detail && <p className="problem-detail">{detail}</p>}
    </div>
  );
}

export function ErrorView({ error, reset }: ErrorComponentProps) {
  const t = useT();
  const router = useRouter();
  const queryReset = useQueryErrorResetBoundary();
  const requestId = error instanceof ApiProblem ? error.problem.requestId : '';
  if (!(error instanceof ApiProblem) && !(error instanceof ForbiddenError)) console.error(error);
  return (
    <section className="page narrow" aria-labelledby="error-title">
      <h1 id="error-title">{t('error.title')}</h1>
      <ProblemNote error={error} />
      {requestId && <p className="muted">{t('error.reference', { id: requestId })}</p>}
      <p className="actions">
        <button type="button" onClick={() => { queryReset.reset(); reset(); void router.invalidate(); }}>{t('error.retry')}</button>
        <Link to="/" className="button secondary">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
