import { ApiError } from '../api';
import { errorText } from '../error-text';
import type { I18n } from '../i18n';

/** A failed request as a sentence, in the page's language, for the person filling the form. */
export function failureMessage(cause: unknown, i18n: I18n): string {
  const { t } = i18n;
  if (!(cause instanceof ApiError)) return t('error.unexpected');
  if (cause.code) return errorText(i18n, cause);
  // No code: the API was not reached (a proxy's page, the network).
  if (cause.status === 503) return t('common.unreachable');
  if (cause.status === 429) return t('common.tooMany');
  if (cause.status === 413) return t('form.tooLarge');
  return t('error.unexpected');
}

/**
 * The summary's sentence about the whole form: none when the answer names its bad fields, which
 * the summary lists one by one (the API's sentence would only repeat the first of them).
 */
export function summaryMessage(cause: unknown, i18n: I18n): string | undefined {
  if (cause instanceof ApiError && cause.fieldErrors.length > 0) return undefined;
  return failureMessage(cause, i18n);
}

/** The API's per-field errors in the page's language, by field ('cdNom', 'customData.nest.height'...). */
export function fieldErrors(cause: unknown, i18n: I18n): Record<string, string> {
  if (!(cause instanceof ApiError)) return {};
  return Object.fromEntries(
    cause.fieldErrors.map((error) => [error.field, errorText(i18n, error)]),
  );
}
