import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../context.js';
import type { Language } from './language.js';
import { translateMessage } from './translate.js';

/** The Content-Language of an answer whose messages were translated. */
export function contentLanguage(language: Language): Record<string, string> {
  return language === 'en' ? {} : { 'content-language': language };
}

/** Error messages in the request's language; codes, paths and extensions are never touched. */
export function translateErrors(errors: readonly GraphQLFormattedError[], language: Language): GraphQLFormattedError[] {
  if (language === 'en') return [...errors];
  return errors.map((error) => ({ ...error, message: translateMessage(error.message, language) }));
}

/** GraphQL errors over HTTP in the language of the request's Accept-Language. */
export const translatedErrors: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    return {
      async willSendResponse({ response }) {
        const language = contextValue.language;
        if (language === 'en' || response.body.kind !== 'single' || response.body.singleResult.errors === undefined) return;
        response.body.singleResult.errors = translateErrors(response.body.singleResult.errors, language);
        for (const [name, value] of Object.entries(contentLanguage(language))) response.http.headers.set(name, value);
      },
    };
  },
};
