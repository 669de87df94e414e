/**
 * Exact decimal arithmetic for money and quantities (at most 6 decimal places, as stored), on
 * scaled bigints: never a float.
 */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

export function toUnits(value: string): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal: ${value}`);
  const units = BigInt(match[2]!) * FACTOR + BigInt((match[3] ?? '').padEnd(SCALE, '0'));
  return match[1] === '-' ? -units : units;
}

export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Normalises a decimal string: no trailing zeros, no plus sign ("12.500000" -> "12.5"). */
export const normalize = (value: string): string => fromUnits(toUnits(value));
export const add = (a: string, b: string): string => fromUnits(toUnits(a) + toUnits(b));
export const subtract = (a: string, b: string): string => fromUnits(toUnits(a) - toUnits(b));
export const compare = (a: string, b: string): number => {
  const d = toUnits(a) - toUnits(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** a × b, rounded half away from zero to 6 places. */
export function multiply(a: string, b: string): string {
  const product = toUnits(a) * toUnits(b);
  const half = FACTOR / 2n;
  const rounded = product >= 0n ? (product + half) / FACTOR : (product - half) / FACTOR;
  return fromUnits(rounded);
}
