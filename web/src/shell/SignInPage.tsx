import { useState, type FormEvent } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Button, PasswordInput, TextInput } from '@mantine/core';
import { api, session, unwrap } from '../api/client';
import { queryClient, meQuery } from '../api/query';
import { isLocale, useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { adoptGuestCart } from '../shop/cart';
import { ProblemNote } from './ErrorView';

export function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const { redirect } = useSearch({ from: '/sign-in' });
  const { setLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const issued = await unwrap(api.POST('/v1/sessions', { body: { email, password } }));
      // The guest cart's lines join the shopper's cart before any page asks for a cart as this shopper.
      if (issued.account.role === 'shopper') await adoptGuestCart(issued.token);
      queryClient.setQueryData(meQuery(issued.token).queryKey, issued.account);
      session.save(issued.token);
      if (isLocale(issued.account.locale) && !sessionStorage.getItem('mercato.locale-chosen')) setLocale(issued.account.locale);
      await navigate({ to: redirect ?? '/' });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      <form onSubmit={submit} className="stack" noValidate>
        <TextInput label={t('signIn.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required withAsterisk={false} />
        <PasswordInput label={t('signIn.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required withAsterisk={false} />
        <Button type="submit" loading={busy}>{t('signIn.submit')}</Button>
        <ProblemNote error={error} />
      </form>
      <p className="muted">{t('signIn.demo')}</p>
    </section>
  );
}
