import type { ErrorParams } from '@citizen/shared';
import type { I18n } from './i18n';

/** What an API error (or a field of one, or SvelteKit's error page) says: a code and its values. */
export interface CodedError {
  message: string;
  code?: string;
  params?: ErrorParams;
}

/**
 * An error's text in the page's language: its code translated with its parameters, or, for a
 * code this app does not know (an API newer than the page), the API's English message.
 */
export function errorText({ t, has }: I18n, { code, params = {}, message }: CodedError): string {
  // The catalogues translate every registered code (`domain.problem`) and no other
  // (errors.test.ts): the registry itself stays out of the pages' JavaScript.
  const key = `error.${code}`;
  if (!code?.includes('.') || !has(key)) return message;
  // Ids and codes are not quantities: "61153", not "61 153".
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return t(key, values);
}
