/**
 * Small runtime checks for what crosses between contexts. Hand-written rather than valibot: the
 * content script's checks ship on every page, and these few lines do all the contract needs.
 */

/** Whether `value` has type T (as far as the check can tell; the check is the contract). */
export type Guard<T> = (value: unknown) => value is T;

export const isString = (value: unknown): value is string => typeof value === 'string';

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/** No payload: messages of type `[null, …]` (a sender may also leave `data` out). */
export const isNone = (value: unknown): value is null => value === null || value === undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One of a few literal values. */
export function oneOf<const T extends readonly (string | number)[]>(...values: T): Guard<T[number]> {
  return (value): value is T[number] => values.includes(value as T[number]);
}

type Checked<G> = G extends Guard<infer T> ? T : never;

/** An object whose listed fields pass their checks (a field's check sees undefined when it is absent). */
export function shape<F extends Record<string, Guard<unknown>>>(
  fields: F,
): Guard<{ [K in keyof F]: Checked<F[K]> }> {
  return (value): value is { [K in keyof F]: Checked<F[K]> } => {
    if (!isRecord(value)) return false;
    for (const key in fields) if (!fields[key]!(value[key])) return false;
    return true;
  };
}

export function optional<T>(check: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || check(value);
}

export function nullable<T>(check: Guard<T>): Guard<T | null> {
  return (value): value is T | null => value === null || check(value);
}

/** An array of at most `max` items that all pass `check`. */
export function arrayOf<T>(check: Guard<T>, max: number): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.length <= max && value.every(check);
}

/** A string of at most `max` characters. */
export function stringUpTo(max: number): Guard<string> {
  return (value): value is string => typeof value === 'string' && value.length <= max;
}
