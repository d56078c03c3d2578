import { Link, Outlet, useNavigate, useRouter } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { api, session } from '../api/client';
import { useMe, useToken } from '../api/query';
import { LOCALES, LOCALE_NAMES, isLocale, useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { staffConsoles } from '../router';
import { useCart } from '../shop/cart';

export function Shell() {
  const t = useT();
  const { account } = useMe();
  const { locale, setLocale, currency, setCurrency } = useLocale();
  const navigate = useNavigate();
  const router = useRouter();
  const token = useToken();
  // Only shoppers (and guests) have a cart; a fresh sign-in waits for its role to be known.
  const shopper = token ? account?.role === 'shopper' : true;
  const cart = useCart(shopper);
  const [q, setQ] = useState('');
  const count = cart.data?.lines.reduce((sum, line) => sum + line.quantity, 0) ?? 0;

  // The account's language wins once signed in.
  useEffect(() => {
    if (account && isLocale(account.locale) && account.locale !== locale && !sessionStorage.getItem('mercato.locale-chosen')) setLocale(account.locale);
    if (account?.currency && account.currency !== currency) setCurrency(account.currency);
  }, [account]); // eslint-disable-line react-hooks/exhaustive-deps

  // A guarded page re-checks who may see it after sign-in or sign-out.
  useEffect(() => session.subscribe(() => { void router.invalidate(); }), [router]);

  const chooseLocale = (next: string) => {
    if (!isLocale(next)) return;
    sessionStorage.setItem('mercato.locale-chosen', '1');
    setLocale(next);
    if (account) void api.PATCH('/v1/me', { body: { locale: next } });
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ to: '/search', search: { q: q.trim() || undefined } });
  };
  const signOut = async () => {
    await api.DELETE('/v1/sessions/current').catch(() => undefined);
    session.clear();
    localStorage.removeItem('mercato.cart');
    void navigate({ to: '/' });
  };
  return (
    <div className="shell">
      <a className="skip" href="#main">{t('nav.skip')}</a>
      <header className="topbar">
        <div className="topbar-row">
          <Link to="/" className="brand">Mercato</Link>
          <form role="search" className="searchbox" onSubmit={search}>
            <label className="sr-only" htmlFor="site-search">{t('search.label')}</label>
            <input id="site-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <label className="langpick">
            <span className="sr-only">{t('nav.language')}</span>
            <select value={locale} onChange={(e) => chooseLocale(e.target.value)} aria-label={t('nav.language')}>
              {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
            </select>
          </label>
        </div>
        <nav aria-label={t('nav.main')} className="mainnav">
          <Link to="/search" activeProps={{ 'aria-current': 'page' }}>{t('nav.shop')}</Link>
          {(shopper || !account) && <Link to="/cart" activeProps={{ 'aria-current': 'page' }}>{t('nav.cart', { count })}</Link>}
          {account?.role === 'shopper' && <Link to="/orders" activeProps={{ 'aria-current': 'page' }}>{t('nav.orders')}</Link>}
          {account?.role === 'shopper' && <Link to="/wallet" activeProps={{ 'aria-current': 'page' }}>{t('nav.wallet')}</Link>}
          {staffConsoles.filter((c) => account && c.roles.includes(account.role)).map((c) => (
            <Link key={c.to} to={c.to} activeProps={{ 'aria-current': 'page' }}>{t(c.label)}</Link>
          ))}
          <span className="navend">
            {account ? (
              <>
                <Link to="/account" data-testid="signed-in" activeProps={{ 'aria-current': 'page' }}>{account.displayName}</Link>
                <button type="button" className="linkish" onClick={signOut}>{t('nav.signOut')}</button>
              </>
            ) : (
              <Link to="/sign-in" search={{ redirect: undefined }} activeProps={{ 'aria-current': 'page' }}>{t('nav.signIn')}</Link>
            )}
          </span>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <a href="/docs">{t('footer.api')}</a>
      </footer>
    </div>
  );
}
