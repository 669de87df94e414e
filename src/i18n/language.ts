import Negotiator from 'negotiator';

/** The languages messages are written in; English is the default. */
export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

/**
 * The language of a request's Accept-Language header: the first accepted language (by q-value) that
 * the server writes. Negotiator parses the header; Intl.Locale fills in the script, so that zh, zh-CN,
 * zh-SG and zh-Hans-* read Simplified Chinese, while zh-TW and zh-Hant-*, which the server does not
 * write, fall through to the next language the client accepts.
 */
export function languageOf(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return 'en';
  for (const tag of new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages()) {
    if (tag === '*') return 'en';
    let locale: Intl.Locale;
    try {
      locale = new Intl.Locale(tag).maximize();
    } catch {
      continue;
    }
    if (locale.language === 'en') return 'en';
    if (locale.language === 'zh' && locale.script === 'Hans') return 'zh-CN';
  }
  return 'en';
}

/**
 * The language of a WebSocket connection: an `Accept-Language` entry of its connectionParams (any
 * case, as GraphiQL passes its headers) or else the upgrade request's header, which browsers send.
 */
export function languageOfConnection(connectionParams: Record<string, unknown> | undefined, upgradeHeader: string | undefined): Language {
  const param = Object.entries(connectionParams ?? {}).find(([name]) => name.toLowerCase() === 'accept-language')?.[1];
  return languageOf(typeof param === 'string' ? param : upgradeHeader);
}
