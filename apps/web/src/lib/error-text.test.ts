import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorText } from './error-text';
import { failureMessage, fieldErrors, summaryMessage } from './forms/errors';
import { de } from './i18n/messages/de';
import { fr } from './i18n/messages/fr';
import { createTranslator } from './i18n/translate';

const french = createTranslator('fr', fr);
const german = createTranslator('de', de);

describe('errorText', () => {
  it('says an API error in the page’s language, ids as they are', () => {
    const error = {
      code: 'observation.taxonNotListed',
      params: { cdNom: 61153 },
      message: "Taxon 61153 is not on this programme's species list",
    };
    expect(errorText(french, error)).toBe(
      'Le taxon 61153 ne figure pas sur la liste d’espèces de ce programme',
    );
    expect(errorText(german, error)).toBe(
      'Das Taxon 61153 steht nicht auf der Artenliste dieses Programms',
    );
  });

  it('falls back to the English message for a code the page does not know', () => {
    expect(errorText(french, { code: 'future.problem', message: 'Something new' })).toBe(
      'Something new',
    );
    expect(errorText(french, { message: 'No code at all' })).toBe('No code at all');
  });
});

describe('form errors', () => {
  it('translate a reused confirmation link and each bad field', () => {
    const reused = new ApiError(
      400,
      'This link is invalid, was already used or has expired; ask for a new one',
      [],
      'auth.invalidLink',
    );
    expect(failureMessage(reused, french)).toBe(
      'Ce lien n’est pas valide, a déjà servi ou a expiré ; demandez-en un nouveau',
    );
    const invalid = new ApiError(
      400,
      'count is invalid',
      [
        {
          field: 'count',
          code: 'field.tooSmall',
          params: { limit: 1 },
          message: 'must be at least 1',
        },
      ],
      'request.invalid',
      { field: 'count' },
    );
    expect(fieldErrors(invalid, german)).toEqual({ count: 'muss mindestens 1 sein' });
  });

  it('never shows an English sentence without a code', () => {
    const proxy = new ApiError(502, 'Request failed (502 Bad Gateway)');
    expect(failureMessage(proxy, french)).toBe(fr['error.unexpected']);
    expect(failureMessage(new ApiError(503, 'unreachable'), german)).toBe(de['common.unreachable']);
  });
});

describe('summaryMessage', () => {
  it('leaves the sentence out when the answer names its fields (the summary lists them)', () => {
    const invalid = new ApiError(
      400,
      'The field count is invalid',
      [{ field: 'count', code: 'field.tooSmall', params: { limit: 1 }, message: 'must be >= 1' }],
      'request.invalid',
      { field: 'count' },
    );
    expect(summaryMessage(invalid, french)).toBeUndefined();
    const refused = new ApiError(403, 'Closed', [], 'program.notActive', {});
    expect(summaryMessage(refused, french)).toBe(failureMessage(refused, french));
  });
});
