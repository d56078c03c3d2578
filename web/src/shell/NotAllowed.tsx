import { Link } from '@tanstack/react-router';
import { useMe } from '../api/query';
import { useT } from '../i18n/t';

/** Where a route guard sends a signed-in account whose role may not open the page it asked for. */
export function NotAllowed() {
  const t = useT();
  const { account } = useMe();
  return (
    <section className="page narrow" aria-labelledby="na-title">
      <h1 id="na-title">{t('notAllowed.title')}</h1>
      <p role="alert">{t('error.forbidden')}</p>
      {account && <p className="muted">{t('notAllowed.signedInAs', { name: account.displayName, role: t(`role.${account.role}`) })}</p>}
      <p><Link to="/" className="button">{t('notFound.home')}</Link></p>
    </section>
  );
}
