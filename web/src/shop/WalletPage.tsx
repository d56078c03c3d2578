import { useCallback, useEffect, useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, NativeSelect } from '@mantine/core';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatDateTime, formatMoney } from '../lib/format';
import { ProblemNote } from '../shell/ErrorView';
import { TopUpForm } from './payments';
import { QrCode } from './QrCode';

export function WalletPage() {
  const t = useT();
  const { locale, currency: preferred } = useLocale();
  const wallets = useQuery({ queryKey: ['wallets'], queryFn: () => unwrap(api.GET('/v1/wallet')) });
  const list = wallets.data?.wallets ?? [];
  const [currency, setCurrency] = useState<string | null>(null);
  const active = currency ?? list.find((w) => w.currency === preferred)?.currency ?? list[0]?.currency ?? preferred;
  const wallet = list.find((w) => w.currency === active);

  return (
    <div className="page wallet">
      <h1>{t('wallet.title')}</h1>
      <ProblemNote error={wallets.error} />
      <div className="walletgrid">
        <section aria-labelledby="balance-title" className="panel">
          <h2 id="balance-title">{t('wallet.balance')}</h2>
          {list.length > 1 && (
            <NativeSelect label={t('account.currency')} value={active} onChange={(e) => setCurrency(e.currentTarget.value)} data={list.map((w) => w.currency)} />
          )}
          <p className="price big" data-testid="wallet-balance">{formatMoney(wallet?.balanceMinor ?? 0, active, locale, wallet?.exponent)}</p>
          <h3>{t('wallet.topUp')}</h3>
          <TopUpForm currency={active} onToppedUp={() => void wallets.refetch()} />
        </section>
        <MemberCode />
      </div>
      <Statement currency={active} version={wallet?.balanceMinor ?? 0} />
    </div>
  );
}

function Statement({ currency, version }: { currency: string; version: number }) {
  const t = useT();
  const { locale } = useLocale();
  const statement = useInfiniteQuery({
    queryKey: ['statement', currency, version],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/wallet/statement', { params: { query: { currency, limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const lines = statement.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="statement-title" className="panel">
      <h2 id="statement-title">{t('wallet.statement')}</h2>
      {statement.data && lines.length === 0 && <p>{t('wallet.noMovements')}</p>}
      <ul className="statement">
        {lines.map((l) => (
          <li key={l.lineId} data-testid="statement-line">
            <span>
              <span className="block">{t(`ledger.${l.kind}`, {})}</span>
              <span className="muted block">{formatDateTime(l.createdAt, locale)}</span>
            </span>
            <span className="amounts">
              <strong className={l.amountMinor < 0 ? 'debit' : 'credit'}>{formatMoney(l.amountMinor, l.currency, locale)}</strong>
              <span className="muted block">{t('wallet.after', { amount: formatMoney(l.balanceAfterMinor, l.currency, locale) })}</span>
            </span>
          </li>
        ))}
      </ul>
      {statement.hasNextPage && <Button variant="default" onClick={() => void statement.fetchNextPage()}>{t('orders.more')}</Button>}
    </section>
  );
}

const DEVICE_KEY = 'mercato.memberDevice';

/** The rotating member payment code: identifies the shopper at a till and pays from the wallet. */
function MemberCode() {
  const t = useT();
  const [code, setCode] = useState<{ code: string; expiresAt: string; qr: string } | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const deviceId = useCallback(async (): Promise<string> => {
    const known = localStorage.getItem(DEVICE_KEY);
    if (known) {
      const devices = await unwrap(api.GET('/v1/member-devices'));
      if (devices.items.some((d) => d.id === known)) return known;
    }
    const device = await unwrap(api.POST('/v1/member-devices', { body: { label: 'Web browser' } }));
    localStorage.setItem(DEVICE_KEY, device.id);
    return device.id;
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      try {
        const current = await unwrap(api.GET('/v1/member-devices/{deviceId}/code', { params: { path: { deviceId: await deviceId() } } }));
        if (stopped) return;
        setCode(current);
        // A fresh code as soon as this one's step ends.
        timer = setTimeout(refresh, Math.max(500, new Date(current.expiresAt).getTime() - Date.now() + 200));
      } catch (caught) {
        if (!stopped) setError(caught);
      }
    };
    void refresh();
    return () => { stopped = true; clearTimeout(timer); };
  }, [deviceId]);

  useEffect(() => {
    const tick = setInterval(() => setSecondsLeft(code ? Math.max(0, Math.ceil((new Date(code.expiresAt).getTime() - Date.now()) / 1000)) : 0), 250);
    return () => clearInterval(tick);
  }, [code]);

  return (
    <section aria-labelledby="member-title" className="panel membercode">
      <h2 id="member-title">{t('wallet.payAtTill')}</h2>
      <p>{t('wallet.memberHint')}</p>
      {code && (
        <>
          <QrCode payload={code.code} label={t('wallet.memberQr')} size={240} />
          <p className="code" data-testid="member-code">{code.code.replace(/(\d{4})(?=\d)/g, '$1 ')}</p>
          <p className="muted" data-testid="member-code-expiry" aria-live="off">{t('wallet.newCodeIn', { seconds: secondsLeft })}</p>
        </>
      )}
      <ProblemNote error={error} />
    </section>
  );
}
