import { zhCN, zhCNTerms } from './catalogue-zh-CN.js';
import type { Language } from './language.js';

/** A catalogue: English template (placeholders {0}, {1} ... in the order of msg's values) to its translation. */
export type Catalogue = Readonly<Record<string, string>>;

interface Pattern {
  regex: RegExp;
  translation: string;
}

const PLACEHOLDER = /\{(\d+)\}/g;

/** Templates with fewer literal characters match last, so that the most specific sentence wins. */
function compile(catalogue: Catalogue): { exact: Map<string, string>; patterns: Pattern[] } {
  const exact = new Map<string, string>();
  const patterns: (Pattern & { literal: number })[] = [];
  for (const [english, translation] of Object.entries(catalogue)) {
    if (!/\{\d+\}/.test(english)) {
      exact.set(english, translation);
      continue;
    }
    const parts = english.split(PLACEHOLDER);
    // split with a capture group alternates literal text and placeholder numbers.
    let source = '^';
    const order: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) source += (parts[i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else {
        // A placeholder between quotes ("{0}", "${0}", "@{0}") holds no quote: it cannot swallow the
        // next quoted name of a graphql-js sentence.
        const quoted = /"[$@]?$/.test(parts[i - 1] ?? '') && (parts[i + 1] ?? '').startsWith('"');
        source += quoted ? '([^"]*?)' : '([\\s\\S]+?)';
        order.push(Number(parts[i]));
      }
    }
    const renumbered = translation.replace(PLACEHOLDER, (_, n: string) => `{${order.indexOf(Number(n))}}`);
    patterns.push({ regex: new RegExp(`${source}$`), translation: renumbered, literal: english.replace(PLACEHOLDER, '').length });
  }
  patterns.sort((a, b) => b.literal - a.literal);
  return { exact, patterns };
}

/**
 * Translates rendered English messages. Messages are matched whole against the catalogue's templates;
 * each placeholder's value is translated in turn when it is a term (a field label, a role, a verb) or
 * itself a catalogued sentence, and kept as it is otherwise (codes, numbers, identifiers, statuses).
 * Anything not in the catalogue stays English, never garbled.
 */
export function createTranslator(catalogue: Catalogue, terms: Catalogue): (english: string) => string {
  const { exact, patterns } = compile(catalogue);
  const translate = (english: string): string | null => {
    const whole = exact.get(english);
    if (whole !== undefined) return whole;
    for (const { regex, translation } of patterns) {
      const match = regex.exec(english);
      if (!match) continue;
      return translation.replace(PLACEHOLDER, (_, n: string) => {
        const value = match[Number(n) + 1] ?? '';
        return terms[value] ?? translate(value) ?? value;
      });
    }
    return null;
  };
  return (english) => translate(english) ?? english;
}

const translators: Record<Language, (english: string) => string> = {
  en: (english) => english,
  'zh-CN': createTranslator(zhCN, zhCNTerms),
};

/** A user-facing message in the request's language. */
export function translateMessage(english: string, language: Language): string {
  return translators[language](english);
}
