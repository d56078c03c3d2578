import { useEffect, useState } from 'react';

/** A QR code drawn as SVG in the browser (the `qrcode` library is loaded only by pages that show one). */
export function QrCode({ payload, label, size = 220 }: { payload: string; label: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((QR) => QR.toString(payload, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })).then((markup) => { if (live) setSvg(markup); });
    return () => { live = false; };
  }, [payload]);
  return <div className="qr" role="img" aria-label={label} style={{ width: size, height: size }} data-testid="qr" dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}
