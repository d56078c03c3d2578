import { Type, type TSchema, type TProperties, type ObjectOptions } from '@sinclair/typebox';

/** A request or response object that refuses unknown fields (they get a 400 naming the field). */
export const Strict = <T extends TProperties>(properties: T, options: ObjectOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Uuid = Type.String({ format: 'uuid' });
export const IdParam = <K extends string>(name: K) => Strict({ [name]: Uuid } as Record<K, typeof Uuid>);
export const Email = Type.String({ format: 'email', maxLength: 254 });
/** Services hand out Date objects; the serializer writes them as RFC 3339 strings. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });
/**
 * Ranges every numeric request field states (a test over the OpenAPI document checks that each
 * has a minimum and a maximum): a money amount is at most 10^12 minor units (ten billion in a
 * two-decimal currency), far above any real price yet far below what a bigint or a float
 * loses; quantities and weights at most a million.
 */
export const MAX_MINOR_UNITS = 1_000_000_000_000;
export const MAX_QUANTITY = 1_000_000;
/** A money amount in minor units of its currency. */
export const MinorAmount = (options: { minimum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: 0, maximum: MAX_MINOR_UNITS, description: 'minor units of the currency', ...options });

export const Locale = Type.Union([Type.Literal('es'), Type.Literal('it'), Type.Literal('en'), Type.Literal('zh')]);

export const Problem = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(),
  instance: Type.String(), code: Type.String(), requestId: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
}, { $id: 'Problem', additionalProperties: true });

/** Problem responses a route may answer, for the OpenAPI document. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('Problem')]));
}

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
