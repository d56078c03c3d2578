import { Link } from '@tanstack/react-router';
import { useT } from '../i18n/t';

export function NotFound() {
  const t = useT();
  return (
    <section className="page narrow" aria-labelledby="nf-title">
      <h1 id="nf-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p><Link to="/" className="button">{t('notFound.home')}</Link></p>
    </section>
  );
}
