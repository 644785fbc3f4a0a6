import type { ErrorCode } from '@citizen/shared/errors';

/**
 * The API errors that loading the pages which download part of the catalogue (home, programme:
 * lib/i18n/index.ts) can end in: their texts come with every page's (shell.en.ts), the other
 * codes' with the `errors` part, downloaded when a page shows one. The registry's English
 * (errors.test.ts checks it), written out: the registry itself stays out of these pages.
 */
export const LOAD_ERROR_CODES = [
  'request.invalid',
  'request.invalidJson',
  'request.emptyBody',
  'request.bodyTooLarge',
  'request.unsupportedMediaType',
  'request.refused',
  'route.notFound',
  'server.internal',
  'page.notFound',
  'program.notFound',
  'program.notActive',
  'program.notSiteProgram',
  'filter.bboxFormat',
  'filter.bboxRange',
  'filter.bboxOrder',
  'filter.fromAfterTo',
  'filter.cursorInvalid',
  'filter.cursorOtherSort',
  'filter.unknownTaxon',
  'filter.unknownArea',
  'site.notFound',
] as const satisfies readonly ErrorCode[];

export type LoadErrorKey = `error.${(typeof LOAD_ERROR_CODES)[number]}`;

export const loadErrorsEn: Record<LoadErrorKey, string> = {
  'error.request.invalid': '{field} is invalid',
  'error.request.invalidJson': 'The body is not valid JSON',
  'error.request.emptyBody': 'The body is empty',
  'error.request.bodyTooLarge': 'The request is too large',
  'error.request.unsupportedMediaType': 'This content type is not accepted',
  'error.request.refused': 'The request was refused: {detail}',
  'error.route.notFound': 'No route {method} {path}',
  'error.server.internal': 'Something went wrong on our side',
  'error.page.notFound': 'No page "{slug}"',
  'error.program.notFound': 'Programme {id} does not exist',
  'error.program.notActive': 'Programme {id} does not exist or is not active',
  'error.program.notSiteProgram': 'Programme {id} is not a site programme',
  'error.filter.bboxFormat': 'bbox must be four numbers: west,south,east,north',
  'error.filter.bboxRange': 'bbox must lie within longitudes -180..180 and latitudes -90..90',
  'error.filter.bboxOrder': 'bbox must have west < east and south < north',
  'error.filter.fromAfterTo': 'from must not be after to',
  'error.filter.cursorInvalid':
    'cursor is not valid: pass the nextCursor of a previous page unchanged',
  'error.filter.cursorOtherSort': 'cursor belongs to another sort order: start again without it',
  'error.filter.unknownTaxon': 'taxon {cdNom} is not in the taxonomy',
  'error.filter.unknownArea': 'area {id} does not exist',
  'error.site.notFound': 'Site {id} does not exist',
};
