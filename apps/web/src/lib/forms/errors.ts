import { ApiError } from '$lib/api';
import type { I18n } from '$lib/i18n';

/** A failed request as a sentence for the person filling the form. */
export function failureMessage(cause: unknown, { t }: I18n): string {
  if (cause instanceof ApiError) {
    if (cause.status === 503) return t('common.unreachable');
    if (cause.status === 429) return t('common.tooMany');
    if (cause.status === 413) return t('form.tooLarge');
    return cause.message;
  }
  return t('error.unexpected');
}

/** The API's per-field errors, by field name ('cdNom', 'customData.nest.height'...). */
export function fieldErrors(cause: unknown): Record<string, string> {
  if (!(cause instanceof ApiError)) return {};
  return Object.fromEntries(cause.fieldErrors.map((error) => [error.field, error.message]));
}
