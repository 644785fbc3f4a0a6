/** The statuses an error code answers with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

interface ErrorDefinition {
  readonly status: ErrorStatus;
  /** The English text, with {named} parameters; the web app translates it by code. */
  readonly en: string;
}

/**
 * Every problem the API answers with: a stable code (`domain.camelCaseProblem`), its HTTP status
 * and its English text. The API can throw no other code; the web catalogues must translate each
 * one (their type says so). `field.*` codes are the problems of one field, said of the field
 * ("must be at least 1"): the form shows them beside it.
 */
export const ERRORS = {
  // A request the schemas or the HTTP layer refuse
  'request.invalid': { status: 400, en: '{field} is invalid' },
  'request.invalidJson': { status: 400, en: 'The body is not valid JSON' },
  'request.emptyBody': { status: 400, en: 'The body is empty' },
  'request.bodyTooLarge': { status: 413, en: 'The request is too large' },
  'request.unsupportedMediaType': { status: 415, en: 'This content type is not accepted' },
  'request.refused': { status: 400, en: 'The request was refused: {detail}' },
  'idempotency.keyReused': {
    status: 422,
    en: 'This Idempotency-Key was already used for another request: make a new key for each new thing you create',
  },
  'route.notFound': { status: 404, en: 'No route {method} {path}' },
  'server.internal': { status: 500, en: 'Something went wrong on our side' },

  'field.required': { status: 400, en: 'is required' },
  'field.tooShort': { status: 400, en: 'must have at least {limit} characters' },
  'field.tooLong': { status: 400, en: 'must have at most {limit} characters' },
  'field.tooSmall': { status: 400, en: 'must be at least {limit}' },
  'field.tooLarge': { status: 400, en: 'must be at most {limit}' },
  'field.notAbove': { status: 400, en: 'must be more than {limit}' },
  'field.notBelow': { status: 400, en: 'must be less than {limit}' },
  'field.tooFewItems': { status: 400, en: 'must have at least {limit} items' },
  'field.tooManyItems': { status: 400, en: 'must have at most {limit} items' },
  'field.tooFewEntries': { status: 400, en: 'must have at least {limit} entries' },
  'field.tooManyEntries': { status: 400, en: 'must have at most {limit} entries' },
  'field.format': { status: 400, en: 'must be a valid {format}' },
  'field.pattern': { status: 400, en: 'is not in the expected form' },
  'field.notAllowed': { status: 400, en: 'must be one of: {allowed}' },
  'field.wrongType': { status: 400, en: 'must be of type {type}' },
  'field.unknown': { status: 400, en: 'is not an expected field' },
  'field.repeated': { status: 400, en: 'must not hold the same item twice' },
  'field.invalid': { status: 400, en: 'is invalid' },
  'field.nulCharacter': { status: 400, en: 'must not contain the NUL character (\\u0000)' },

  // Forms of programmes and site types, and their answers
  'form.notObject': { status: 400, en: 'The form must be a JSON Schema object' },
  'form.invalidSchema': { status: 400, en: 'The form is not a valid JSON Schema: {detail}' },
  'form.invalidAnswers': { status: 400, en: 'The answers to the form are invalid: {fields}' },
  'form.stepUnknownField': {
    status: 400,
    en: 'Step {step} names "{name}", which is not a field of the form',
  },
  'form.fieldInTwoSteps': { status: 400, en: 'The field "{name}" is in two steps' },
  'form.requiredFieldInNoStep': { status: 400, en: 'The required field "{name}" is in no step' },

  // Uploads
  'upload.notMultipart': { status: 415, en: 'Send multipart/form-data' },
  'upload.fileMissing': { status: 400, en: 'Send the file in the field "{field}"' },
  'upload.fieldMissing': { status: 400, en: 'The multipart field "{field}" is missing' },
  'upload.fieldNotJson': { status: 400, en: 'The multipart field "{field}" is not valid JSON' },
  'upload.unexpectedFile': { status: 400, en: 'Unexpected file field "{field}": send {expected}' },
  'upload.tooManyFiles': { status: 400, en: 'Send at most the files {expected}' },
  'upload.fileTooLarge': { status: 413, en: 'The file is larger than {max} MB' },
  'media.tooManyPhotos': { status: 400, en: 'At most {max} photos may be sent at once' },
  'media.photoTooLarge': { status: 413, en: 'A photo is larger than the limit of {max} MB' },
  'media.notFound': { status: 404, en: 'No photo {id}/{variant}' },
  'image.notImage': { status: 415, en: '{label} is not an image in one of the formats {formats}' },
  'image.wrongFormat': {
    status: 415,
    en: '{label} is a {found} image, not an image in one of the formats {formats}',
  },
  'image.undecodable': { status: 415, en: '{label} could not be decoded; please send a JPEG' },
  'image.tooManyPixels': {
    status: 413,
    en: '{label} is {width} × {height} pixels, more than the limit of {limit} million pixels; please send a smaller image',
  },

  // Accounts and sessions
  'auth.loginRequired': { status: 401, en: 'You need to log in' },
  'auth.sessionExpired': {
    status: 401,
    en: 'Your session has expired or was ended; refresh it or log in again',
  },
  'auth.badAuthorizationHeader': {
    status: 401,
    en: 'The Authorization header must be "Bearer <access token>"',
  },
  'auth.tokenExpired': { status: 401, en: 'This access token has expired or was revoked' },
  'auth.noRefreshToken': { status: 401, en: 'No refresh token' },
  'auth.refreshTokenJustUsed': {
    status: 401,
    en: 'This refresh token was just used; use the new one',
  },
  'auth.refreshTokenInvalid': {
    status: 401,
    en: 'This refresh token is not valid any more; log in again',
  },
  'auth.wrongCredentials': { status: 401, en: 'Wrong e-mail address, username or password' },
  'auth.accountGone': { status: 401, en: 'This account no longer exists' },
  'auth.crossSiteRefused': {
    status: 403,
    en: 'Cross-site request refused: send it from the site itself, or use a bearer token',
  },
  'auth.cookieFromOtherSite': {
    status: 403,
    en: 'A cookie session can only be opened from the site itself',
  },
  'auth.accountDisabled': { status: 403, en: 'This account is disabled' },
  'auth.emailNotConfirmed': {
    status: 403,
    en: 'Confirm your e-mail address first: open the link we mailed you, or ask for a new one',
  },
  'auth.adminOnly': { status: 403, en: 'Only an administrator may do this' },
  'auth.validatorOnly': { status: 403, en: 'Only a validator may do this' },
  'auth.observerOnly': { status: 403, en: 'Only an observer may do this' },
  'auth.invalidLink': {
    status: 400,
    en: 'This link is invalid, was already used or has expired; ask for a new one',
  },
  'auth.tooManyAttempts': {
    status: 429,
    en: 'Too many attempts; try again in {minutes} minute(s)',
  },
  'auth.tooManyWrongPasswords': {
    status: 429,
    en: 'Too many wrong passwords from here: try again in {minutes} minute(s), or reset your password.',
  },
  'auth.captchaUnavailable': {
    status: 503,
    en: 'The captcha could not be checked; please try again later',
  },
  'auth.captchaRefused': {
    status: 400,
    en: 'The captcha was not accepted; please solve it again',
  },
  'account.usernameTaken': { status: 400, en: 'The username {username} is already taken' },
  'account.emailTaken': {
    status: 409,
    en: 'This address has been taken by another account meanwhile',
  },
  'account.sameEmail': { status: 400, en: 'This is already your address' },
  'account.wrongPassword': { status: 400, en: 'The password is wrong' },
  'account.wrongCurrentPassword': { status: 400, en: 'The current password is wrong' },
  'account.notFound': { status: 404, en: 'No account {id}' },
  'account.ownAdminRights': {
    status: 403,
    en: 'An admin cannot remove their own admin role nor deactivate their own account',
  },
  'password.tooShort': { status: 400, en: 'The password must have at least {min} characters' },
  'password.tooCommon': { status: 400, en: 'The password is too common' },
  'password.tooFewCharacters': {
    status: 400,
    en: 'The password must use at least 4 different characters',
  },
  'password.personal': {
    status: 400,
    en: 'The password must not contain your username or e-mail address',
  },
  'user.notFound': { status: 404, en: 'No user named {username}' },
  'user.noAvatar': { status: 404, en: 'No avatar for {username}' },
  // Areas
  'area.badKind': { status: 400, en: 'kind must be lower-case letters, e.g. municipality' },
  'area.notJson': { status: 400, en: 'The file is not JSON' },
  'area.notFeatureCollection': { status: 400, en: 'The file must be a GeoJSON FeatureCollection' },
  'area.noFeatures': { status: 400, en: 'The file has no features' },
  'area.noCodeProperty': {
    status: 400,
    en: 'Feature 1 has no code property ({candidates}); name the property that holds it',
  },
  'area.noNameProperty': {
    status: 400,
    en: 'Feature 1 has no name property ({candidates}); name the property that holds it',
  },
  'area.featureWithoutCode': {
    status: 400,
    en: 'Feature {feature} has no code in its property "{property}"',
  },
  'area.featureWithoutName': {
    status: 400,
    en: 'Feature {feature} has no name in its property "{property}"',
  },
  'area.duplicateCode': {
    status: 400,
    en: 'Feature {feature} has the code "{code}" of feature {earlier}: codes must be unique',
  },
  'area.badGeometry': { status: 400, en: 'Feature {feature} ({name}): {detail}' },
  'area.kindHasSensitivityRules': {
    status: 409,
    en: '{count} sensitivity rule(s) apply inside areas of kind "{kind}": remove or re-import them first',
  },
  'area.kindNotFound': { status: 404, en: 'There are no areas of kind "{kind}"' },

  // Programmes and their areas
  'program.notFound': { status: 404, en: 'Programme {id} does not exist' },
  'program.notActive': { status: 404, en: 'Programme {id} does not exist or is not active' },
  'program.slugTaken': { status: 409, en: 'Another programme already uses the slug "{slug}"' },
  'program.unknownSpeciesList': { status: 400, en: 'Species list {id} does not exist' },
  'program.unknownProject': { status: 400, en: 'Project {id} does not exist' },
  'program.endsBeforeStart': { status: 400, en: 'endsOn must not be before startsOn' },
  'program.noSpeciesList': {
    status: 400,
    en: 'Programme {id} has no species list: it accepts the whole taxonomy, so search it with GET /api/taxa/search?program={id}&q=…',
  },
  'program.noLeaderboard': { status: 404, en: 'Programme {id} has no leaderboard' },
  'program.notSiteProgram': { status: 404, en: 'Programme {id} is not a site programme' },
  'program.areaNoPolygon': { status: 400, en: 'The area has no polygon' },
  'program.areaUnreadable': { status: 400, en: 'The area file is neither GeoJSON nor valid KML' },
  'program.areaNotGeoJson': {
    status: 400,
    en: 'The area must be GeoJSON (geometry, Feature or FeatureCollection) or KML',
  },
  'program.areaRingTooShort': {
    status: 400,
    en: 'Each ring of the area needs at least 4 positions',
  },
  'program.areaNotWgs84': {
    status: 400,
    en: 'The area coordinates must be WGS 84 longitude/latitude in degrees (EPSG:4326)',
  },
  'program.areaUnusable': { status: 400, en: 'The area is not usable GeoJSON: {detail}' },
  'program.areaEmpty': { status: 400, en: 'The area has no surface once repaired' },
  'location.invalid': {
    status: 400,
    en: 'The location must be [longitude, latitude] in degrees',
  },
  'location.outsideArea': { status: 400, en: "The location is outside the programme's area" },

  // Observations and their filters
  'observation.notFound': { status: 404, en: 'Observation {id} does not exist' },
  'observation.programClosed': {
    status: 409,
    en: 'Programme {id} is not open for observations today',
  },
  'observation.loginRequired': {
    status: 401,
    en: 'This programme asks you to log in before you record an observation',
  },
  'observation.taxonNotListed': {
    status: 400,
    en: "Taxon {cdNom} is not on this programme's species list",
  },
  'observation.dateInFuture': { status: 400, en: 'The date {date} is in the future' },
  'observation.visitDate': {
    status: 400,
    en: 'An observation of a visit is dated from the visit ({date})',
  },
  'observation.tooManyPhotos': { status: 400, en: 'At most {max} photos per observation' },
  'observation.unknownPhoto': { status: 400, en: 'Photo {id} is not a photo of this observation' },
  'observation.notYours': {
    status: 403,
    en: 'Only the observer or an administrator may change this observation',
  },
  'observation.noCustomForm': {
    status: 400,
    en: 'This programme has no custom form: customData must be empty',
  },
  'observation.photoNotFound': {
    status: 404,
    en: 'Photo {photo} is not a photo of observation {id}',
  },
  'filter.bboxFormat': { status: 400, en: 'bbox must be four numbers: west,south,east,north' },
  'filter.bboxRange': {
    status: 400,
    en: 'bbox must lie within longitudes -180..180 and latitudes -90..90',
  },
  'filter.bboxOrder': { status: 400, en: 'bbox must have west < east and south < north' },
  'filter.fromAfterTo': { status: 400, en: 'from must not be after to' },
  'filter.cursorInvalid': {
    status: 400,
    en: 'cursor is not valid: pass the nextCursor of a previous page unchanged',
  },
  'filter.cursorOtherSort': {
    status: 400,
    en: 'cursor belongs to another sort order: start again without it',
  },
  'filter.unknownTaxon': { status: 400, en: 'taxon {cdNom} is not in the taxonomy' },
  'filter.unknownArea': { status: 400, en: 'area {id} does not exist' },
  'tile.outOfRange': {
    status: 400,
    en: 'Tile {z}/{x}/{y} does not exist: x and y must be below 2^z',
  },

  // Validation and moderation
  'validation.reasonRequired': {
    status: 400,
    en: 'A reason is needed to mark an observation {status}',
  },
  'validation.ownObservation': {
    status: 403,
    en: 'A validator never validates their own observation',
  },
  'validation.discussionClosed': {
    status: 403,
    en: 'Only the observer and validators may discuss this observation',
  },
  'validation.historyClosed': {
    status: 403,
    en: 'Only the observer and experts may read this history',
  },
  'moderation.adminOnly': { status: 403, en: 'Only administrators moderate observations' },

  // Sites and visits
  'site.notFound': { status: 404, en: 'Site {id} does not exist' },
  'site.notSiteProgram': { status: 409, en: 'Programme {id} records observations, not sites' },
  'site.programClosed': { status: 409, en: 'Programme {id} is not open today' },
  'site.unknownType': { status: 400, en: 'Site type {id} is not a site type of this programme' },
  'site.tooManyPhotos': { status: 400, en: 'At most {max} photos' },
  'site.unknownPhoto': { status: 400, en: 'Photo {id} is not a photo of this site' },
  'site.loginRequired': { status: 401, en: 'You need to log in to record sites and visits' },
  'site.notYours': {
    status: 403,
    en: 'Only the creator of the site or an administrator may change it',
  },
  'site.notYoursToDelete': {
    status: 403,
    en: 'Only the creator of the site or an administrator may delete it',
  },
  'site.visitedByOthers': {
    status: 403,
    en: 'Other observers have visited this site: ask an administrator to delete it',
  },
  'site.typeLocked': {
    status: 409,
    en: 'The type of a site cannot change once it has visits (they answered its visit form)',
  },
  'siteType.noSiteForm': {
    status: 400,
    en: 'This site type has no site form: customData must be empty',
  },
  'siteType.noVisitForm': {
    status: 400,
    en: 'This site type has no visit form: customData must be empty',
  },
  'siteType.notFound': { status: 404, en: 'Site type {id} does not exist in programme {program}' },
  'siteType.inUse': { status: 409, en: 'Site type {id} has {count} site(s): it cannot be deleted' },
  'visit.notFound': { status: 404, en: 'Visit {id} does not exist' },
  'visit.disabled': { status: 400, en: 'This instance does not record site visits' },
  'visit.dateInFuture': { status: 400, en: 'The date {date} is in the future' },
  'visit.creatorOnly': {
    status: 403,
    en: "Only the site's creator may add visits in this programme",
  },
  'visit.notYours': {
    status: 403,
    en: 'Only the observer of the visit or an administrator may change it',
  },
  'visit.notYoursToDelete': {
    status: 403,
    en: 'Only the observer of the visit or an administrator may delete it',
  },
  'visit.unknown': { status: 400, en: 'Visit {id} does not exist' },
  'visit.otherProgram': { status: 400, en: 'Visit {id} is a visit of another programme' },
  'visit.loginRequired': { status: 401, en: 'You need to log in to add species to a visit' },
  'visit.observerOnly': { status: 403, en: "Only the visit's observer may add species to it" },

  // Species lists, taxonomy and imports
  'taxon.unknown': { status: 400, en: 'Unknown taxon {cdNom}' },
  'taxon.notFound': { status: 404, en: 'Taxon {cdNom} does not exist' },
  'speciesList.notFound': { status: 404, en: 'Species list {id} does not exist' },
  'speciesList.nameMissing': {
    status: 400,
    en: 'Give the list a name (at most 200 characters)',
  },
  'speciesList.nameTaken': { status: 409, en: 'A species list named "{name}" already exists' },
  'speciesList.taxonTwice': { status: 400, en: 'taxa/{index}: taxon {cdNom} is twice in the list' },
  'speciesList.pictureTwice': {
    status: 400,
    en: 'taxa/{index}: give pictureMediaId or pictureUrl, not both',
  },
  'speciesList.pictureSourceTwice': { status: 400, en: 'Give mediaId or url, not both' },
  'speciesList.unknownTaxa': { status: 400, en: 'Unknown taxa: {cdNoms}' },
  'speciesList.unknownMedia': { status: 400, en: 'Unknown media: {ids}' },
  'speciesList.inUse': {
    status: 409,
    en: 'The species list "{name}" is used by the programme(s) {programs}; give them another list first',
  },
  'speciesList.taxonNotListed': {
    status: 404,
    en: 'Taxon {cdNom} is not in species list {id}',
  },
  'sensitivity.badSource': {
    status: 400,
    en: 'The source "{source}" is not usable: name it with lower-case letters, digits, . _ or - (not "{manual}", the back office\'s)',
  },
  'sensitivity.noRule': { status: 404, en: 'Taxon {cdNom} has no sensitivity rule' },
  'import.rejected': {
    status: 422,
    en: 'The file has {count} bad row(s); nothing was imported',
  },
  'taxonomy.formatMissing': { status: 400, en: 'Give the format: {formats}' },
  'taxonomy.taxrefOneFile': { status: 400, en: 'A TAXREF import takes one file' },
  'taxonomy.badLanguages': {
    status: 400,
    en: 'languages must be ISO 639-1 codes, e.g. {example}',
  },
  'taxonomy.zipWithoutTaxref': { status: 400, en: 'The zip file holds no TAXREF text file' },
  'taxonomy.archiveMissingFile': {
    status: 400,
    en: 'meta.xml names {file}, which the archive lacks',
  },
  'taxonomy.archiveNoTaxonCore': { status: 400, en: 'meta.xml describes no Taxon core' },
  'taxonomy.archiveNoTaxa': {
    status: 400,
    en: 'The archive has neither meta.xml nor a Taxon.tsv or taxon.txt file',
  },
  'zip.notZip': { status: 400, en: 'This is not a zip file (no end of central directory)' },
  'zip.damaged': { status: 400, en: 'The zip file is damaged ({part})' },
  'zip.encrypted': { status: 400, en: 'The zip file holds {name}, which is encrypted' },
  'zip.unsupportedCompression': {
    status: 400,
    en: '{name} uses an unsupported compression method ({method})',
  },
  'taxhub.unreachable': { status: 502, en: 'The TaxHub server did not answer ({detail})' },
  'taxhub.badAnswer': { status: 502, en: 'The TaxHub server answered {status} to {route}' },
  'taxhub.noList': { status: 502, en: 'TaxHub has no list {id}' },
  'taxhub.listNotLinked': {
    status: 409,
    en: 'Species list {id} is not linked to a TaxHub list: set its taxhubListId',
  },

  // Badges, pages, settings
  'badges.disabled': { status: 404, en: 'Badges are not enabled on this instance' },
  'badge.notFound': { status: 404, en: 'Badge rule {id} does not exist' },
  'badge.programRequired': { status: 400, en: 'A program_observations rule needs a programme' },
  'badge.programNotAllowed': { status: 400, en: 'A {kind} rule has no programme' },
  'badge.taxonRequired': {
    status: 400,
    en: 'A taxon_species rule needs a taxonRank and a taxonName',
  },
  'badge.taxonNotAllowed': {
    status: 400,
    en: 'taxonRank and taxonName are only for taxon_species rules',
  },
  'badge.thresholdTooLow': {
    status: 400,
    en: 'The threshold must be at least 1 (0 is only for seniority)',
  },
  'badge.pictureTwice': { status: 400, en: 'Give pictureUrl or pictureMediaId, not both' },
  'badge.unknownProgram': { status: 400, en: 'Programme {id} does not exist' },
  'badge.unknownPicture': { status: 400, en: 'pictureMediaId is not a stored image' },
  'page.notFound': { status: 404, en: 'No page "{slug}"' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** The {names} of a template, as a union. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The names of the parameters a code's text needs, e.g. `'date'`. */
export type ErrorPlaceholders<C extends ErrorCode> = Placeholders<(typeof ERRORS)[C]['en']>;

/** The parameters a code's text needs, e.g. `{ date: string | number }`. */
export type ErrorParamsOf<C extends ErrorCode> = [ErrorPlaceholders<C>] extends [never]
  ? Record<string, never>
  : { [Name in ErrorPlaceholders<C>]: string | number };

export type ErrorParams = Record<string, string | number>;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERRORS, code);

/** A template with its {placeholders} filled in; an unknown one is left as it is. */
export function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The English text of a code with its parameters. */
export const errorMessage = (code: ErrorCode, params: ErrorParams = {}): string =>
  fillTemplate(ERRORS[code].en, params);
