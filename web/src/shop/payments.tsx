import { useState, type FormEvent } from 'react';
import { Button, NativeSelect, TextInput } from '@mantine/core';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { currencyExponent, formatMoney } from '../lib/format';
import { ProblemNote } from '../shell/ErrorView';

export type Intent = components['schemas']['PaymentIntent'];

/** The card sandbox's test cards (see docs/payments.md). */
export const TEST_CARDS = [
  { number: '4242424242424242', label: 'card.succeeds' },
  { number: '4000000000003220', label: 'card.challenge' },
  { number: '4000000000000002', label: 'card.declined' },
] as const;

const SETTLED = ['captured', 'failed', 'cancelled', 'requires_action'];

/** Polls an intent until the provider has answered (or asks the shopper to confirm). */
export async function followIntent(id: string, onUpdate: (intent: Intent) => void): Promise<Intent> {
  let current: Intent | undefined;
  for (let i = 0; i < 60; i++) {
    current = await unwrap(api.GET('/v1/payment-intents/{intentId}', { params: { path: { intentId: id } } }));
    onUpdate(current);
    if (SETTLED.includes(current.status)) return current;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return current!;
}

/** Where an intent stands, in words, with the 3-D Secure step when the bank asks for it. */
export function IntentStatus({ intent, onSettled }: { intent: Intent; onSettled: (intent: Intent) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [busy, setBusy] = useState(false);
  const answer = async (approve: boolean) => {
    setBusy(true);
    try {
      await unwrap(api.POST('/v1/payment-intents/{intentId}/sandbox-challenge', { params: { path: { intentId: intent.id } }, body: { approve } }));
      onSettled(await followIntent(intent.id, () => undefined));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="status" data-testid="payment-status" className="notice">
      {intent.status === 'captured' && <p>{t('pay.captured', { amount: formatMoney(intent.amountMinor, intent.currency, locale) })}</p>}
      {intent.status === 'failed' && <p>{t('pay.failed')}</p>}
      {intent.status === 'requires_action' && (
        <>
          <p>{t('pay.challenge')}</p>
          <div className="actions">
            <Button onClick={() => answer(true)} loading={busy}>{t('pay.confirm')}</Button>
            <Button variant="default" onClick={() => answer(false)} disabled={busy}>{t('pay.reject')}</Button>
          </div>
        </>
      )}
      {!SETTLED.includes(intent.status) && <p>{t('pay.waiting')}</p>}
    </div>
  );
}

/** Top up the wallet by card (sandbox). */
export function TopUpForm({ currency, suggestedMinor, onToppedUp }: { currency: string; suggestedMinor?: number; onToppedUp: () => void }) {
  const t = useT();
  const exponent = currencyExponent(currency);
  const [amount, setAmount] = useState(() => ((suggestedMinor ?? 20 * 10 ** exponent) / 10 ** exponent).toFixed(exponent));
  const [card, setCard] = useState<string>(TEST_CARDS[0].number);
  const [intent, setIntent] = useState<Intent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const settled = (final: Intent) => {
    setIntent(final);
    if (final.status === 'captured') onToppedUp();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const match = /^([0-9]+)(?:[.,]([0-9]+))?$/.exec(amount.trim());
    if (!match || (match[2] ?? '').length > exponent || Number(amount.replace(',', '.')) <= 0) { setError(new Error('amount')); return; }
    const amountMinor = Number(match[1]) * 10 ** exponent + Number((match[2] ?? '').padEnd(exponent, '0') || '0');
    setBusy(true);
    try {
      const started = await unwrap(api.POST('/v1/wallet/top-ups', { body: { amountMinor, currency, provider: 'card_sandbox', cardNumber: card } }));
      setIntent(started.intent);
      settled(await followIntent(started.intent.id, setIntent));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="stack topup" aria-label={t('wallet.topUp')}>
      <TextInput label={t('wallet.amount', { currency })} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" />
      <NativeSelect label={t('wallet.card')} value={card} onChange={(e) => setCard(e.currentTarget.value)}
        data={TEST_CARDS.map((c) => ({ value: c.number, label: `${c.number.replace(/(\d{4})(?=\d)/g, '$1 ')} — ${t(c.label)}` }))} />
      <Button type="submit" loading={busy}>{t('wallet.topUp')}</Button>
      {intent && <IntentStatus intent={intent} onSettled={settled} />}
      {error instanceof Error && error.message === 'amount' ? <p role="alert" className="problem">{t('wallet.badAmount', { currency })}</p> : <ProblemNote error={error} />}
    </form>
  );
}
