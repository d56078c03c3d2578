import { useEffect, useState } from 'react';
import { useT } from '../i18n/t';

/**
 * − [n] + : never goes below 1 or the minimum order (removing a line is its own explicit action), and an emptied or
 * half-typed field is not a change: the value is committed on blur or Enter.
 */
export function QuantityStepper({ value, onChange, label, min = 1, max = 999, disabled = false }: { value: number; onChange: (next: number) => void; label: string; min?: number; max?: number; disabled?: boolean }) {
  const t = useT();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const commit = () => {
    const parsed = Number.parseInt(draft, 10);
    if (!Number.isFinite(parsed) || parsed < min) { setDraft(String(value)); return; }
    const next = Math.min(max, parsed);
    setDraft(String(next));
    if (next !== value) onChange(next);
  };
  return (
    <div className="stepper" role="group" aria-label={label}>
      <button type="button" onClick={() => onChange(value - 1)} disabled={disabled || value <= min} aria-label={t('cart.decrease')}>−</button>
      <input type="text" inputMode="numeric" pattern="[0-9]*" aria-label={label} value={draft} disabled={disabled}
        onChange={(e) => setDraft(e.target.value.replace(/[^0-9]/g, ''))} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
      <button type="button" onClick={() => onChange(value + 1)} disabled={disabled || value >= max} aria-label={t('cart.increase')}>+</button>
    </div>
  );
}
