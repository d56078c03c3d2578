import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../api/client';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/t';
import { formatDistance } from '../lib/format';
import { pick } from '../lib/localised';
import { PlacePicker } from './PlacePicker';
import { usePlace } from './place';

type Localised = Record<string, string | undefined> | undefined;

export function Home() {
  const t = useT();
  const { locale } = useLocale();
  const place = usePlace();
  const nearby = useQuery({
    queryKey: ['nearby-stores', place?.latitude, place?.longitude],
    enabled: !!place,
    queryFn: () => unwrap(api.GET('/v1/locations/nearby', { params: { query: { lat: place!.latitude, lon: place!.longitude, radius_km: 25, kind: ['store', 'popup'], limit: 5 } } })),
  });
  const pavilions = useQuery({ queryKey: ['pavilions'], queryFn: () => unwrap(api.GET('/v1/pavilions')) });

  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p>{t('home.lead')}</p>
        <Link to="/search" className="button">{t('home.browse')}</Link>
      </section>

      <section aria-labelledby="stores-title" className="panel">
        <h2 id="stores-title">{t('home.storesTitle')}</h2>
        <PlacePicker />
        {!place && <p className="muted">{t('home.storesHint')}</p>}
        {nearby.data && nearby.data.items.length === 0 && <p>{t('home.noStores')}</p>}
        {nearby.data && nearby.data.items.length > 0 && (
          <ul className="cards" aria-label={t('home.storesTitle')}>
            {nearby.data.items.map(({ location, distanceMetres, deliversHere }) => (
              <li key={location.id} className="card" data-testid="nearby-store">
                <h3>{location.name}</h3>
                <p>{location.address}, {location.city}</p>
                <p className="muted">{t('home.distance', { distance: formatDistance(distanceMetres, locale) })}</p>
                {deliversHere && <p className="badge">{t('home.freeExpress')}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {pavilions.data && pavilions.data.items.length > 0 && (
        <section aria-labelledby="campaign-title" className="panel">
          <h2 id="campaign-title">{t('home.campaignTitle')}</h2>
          <ul className="cards">
            {pavilions.data.items.map((pavilion) => (
              <li key={pavilion.id} className="card campaign">
                <h3><Link to="/search" search={{ pavilion: pavilion.slug }}>{pick(pavilion.name as Localised, locale)}</Link></h3>
                <p>{pick(pavilion.description as Localised, locale)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
