import { useState } from 'react';

/** A product photo, or a neutral tile when it has none or it cannot load. Decorative: the title says what it is. */
export function ProductImage({ url, alt = '', large = false }: { url?: string | null; alt?: string; large?: boolean }) {
  const [failed, setFailed] = useState(false);
  const size = large ? 480 : 240;
  if (!url || failed) return <div className={large ? 'photo large placeholder' : 'photo placeholder'} aria-hidden="true" />;
  return <img className={large ? 'photo large' : 'photo'} src={url} alt={alt} width={size} height={size} loading="lazy" onError={() => setFailed(true)} />;
}
