import { useIntl } from 'react-intl';
import type { PrimitiveType } from 'intl-messageformat';

export type Translate = (id: string, values?: Record<string, PrimitiveType>) => string;

/**
 * `t('cart.title')`: the message of the current language (ICU syntax in i18n/messages/*.json).
 * An id built from server data that has no message (a new status, say) reads as its last part
 * in plain words rather than as a message id.
 */
export function useT(): Translate {
  const intl = useIntl();
  return (id, values) => (id in intl.messages ? intl.formatMessage({ id }, values) : id.split('.').pop()!.replaceAll('_', ' '));
}
