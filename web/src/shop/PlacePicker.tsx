import { useState } from 'react';
import { Button, NativeSelect } from '@mantine/core';
import { useT } from '../i18n/t';
import { PLACES, locateBrowser, setPlace, usePlace } from './place';

/** Choose where you are: share the browser's location or pick an address. */
export function PlacePicker() {
  const t = useT();
  const place = usePlace();
  const [status, setStatus] = useState<'idle' | 'locating' | 'refused'>('idle');
  const locate = async () => {
    setStatus('locating');
    try {
      setPlace(await locateBrowser(t('place.here')));
      setStatus('idle');
    } catch {
      setStatus('refused');
    }
  };
  return (
    <div className="placepicker">
      <NativeSelect
        label={t('place.label')}
        value={place && place.id !== 'browser' ? place.id : ''}
        onChange={(e) => setPlace(PLACES.find((p) => p.id === e.currentTarget.value) ?? null)}
        data={[{ value: '', label: place?.id === 'browser' ? t('place.here') : t('place.choose') }, ...PLACES.map((p) => ({ value: p.id, label: p.label }))]}
      />
      <Button variant="default" onClick={locate} loading={status === 'locating'}>{t('place.useMine')}</Button>
      {status === 'refused' && <p role="status" className="muted">{t('place.refused')}</p>}
    </div>
  );
}
