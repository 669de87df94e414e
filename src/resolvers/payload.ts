import type { Context } from '../context.js';
import type { Result } from '../domain/shared/result.js';
import { translateMessage } from '../i18n/translate.js';

/**
 * Shapes a use-case result as a mutation payload: the written object under `key` and no errors,
 * or null and the errors in the request's language. Loaders are renewed so the payload reads what was just written.
 */
export function payload<K extends string, T>(context: Context, key: K, result: Result<T>): { [P in K]: T | null } & { errors: { field: string[] | null; code: string; message: string }[] } {
  context.resetLoaders();
  if (result.ok) return { [key]: result.value, errors: [] } as { [P in K]: T | null } & { errors: [] };
  const errors = result.errors.map((error) => ({ ...error, message: translateMessage(error.message, context.language) }));
  return { [key]: null, errors } as { [P in K]: T | null } & { errors: typeof errors };
}
