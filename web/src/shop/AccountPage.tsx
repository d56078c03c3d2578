import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, NativeSelect, TextInput } from '@mantine/core';
import { api, session, unwrap } from '../api/client';
import { meQuery, useMe } from '../api/query';
import { CURRENCIES, LOCALES, LOCALE_NAMES, isLocale, useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { ProblemNote } from '../shell/ErrorView';
import { PlacePicker } from './PlacePicker';

/** Profile, language and currency (remembered on the account, so every device follows), and the saved address. */
export function AccountPage() {
  const t = useT();
  const { account } = useMe();
  const client = useQueryClient();
  const { locale, setLocale, currency, setCurrency } = useLocale();
  const [name, setName] = useState(account?.displayName ?? '');
  const [lang, setLang] = useState<string>(locale);
  const [cur, setCur] = useState<string>(account?.currency ?? currency);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!account) return null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const updated = await unwrap(api.PATCH('/v1/me', { body: { displayName: name.trim() || account.displayName, ...(isLocale(lang) ? { locale: lang } : {}), currency: cur } }));
      client.setQueryData(meQuery(session.token()).queryKey, updated);
      if (isLocale(lang)) { sessionStorage.setItem('mercato.locale-chosen', '1'); setLocale(lang); }
      setCurrency(cur);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{t('account.title')}</h1>
      <p className="muted">{account.email} · {t(`role.${account.role}`)}</p>
      <form onSubmit={save} className="stack panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <TextInput label={t('account.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} />
        <NativeSelect label={t('nav.language')} value={lang} onChange={(e) => setLang(e.currentTarget.value)} data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} />
        <NativeSelect label={t('account.currency')} value={cur} onChange={(e) => setCur(e.currentTarget.value)} data={[...CURRENCIES]} />
        <Button type="submit" loading={busy}>{t('account.save')}</Button>
        <div aria-live="polite">{saved && <p role="status" className="success">{t('account.saved')}</p>}</div>
        <ProblemNote error={error} />
      </form>
      <section className="panel" aria-labelledby="address-title">
        <h2 id="address-title">{t('account.address')}</h2>
        <p className="muted">{t('account.addressHint')}</p>
        <PlacePicker />
      </section>
    </div>
  );
}
