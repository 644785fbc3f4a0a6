import type { ErrorKey } from './errors.en.js';
import { loadErrorsFr } from './load-errors.fr.js';

/** Les textes des erreurs de l’API, par code (voir packages/shared/src/errors.ts). */
export const errorsFr: Record<ErrorKey, string> = {
  ...loadErrorsFr,
  // Requêtes refusées par les schémas ou la couche HTTP
  'error.idempotency.keyReused':
    'Cette clé d’idempotence (Idempotency-Key) a déjà servi pour une autre requête : créez une nouvelle clé pour chaque nouvel élément',

  'error.field.required': 'est obligatoire',
  'error.field.tooShort': 'doit compter au moins {limit} caractères',
  'error.field.tooLong': 'doit compter au plus {limit} caractères',
  'error.field.tooSmall': 'doit valoir au moins {limit}',
  'error.field.tooLarge': 'doit valoir au plus {limit}',
  'error.field.notAbove': 'doit être supérieur à {limit}',
  'error.field.notBelow': 'doit être inférieur à {limit}',
  'error.field.tooFewItems': 'doit compter au moins {limit} éléments',
  'error.field.tooManyItems': 'doit compter au plus {limit} éléments',
  'error.field.tooFewEntries': 'doit compter au moins {limit} entrées',
  'error.field.tooManyEntries': 'doit compter au plus {limit} entrées',
  'error.field.format': 'doit être au format {format}',
  'error.field.pattern': 'n’a pas la forme attendue',
  'error.field.notAllowed': 'doit être l’une de ces valeurs : {allowed}',
  'error.field.wrongType': 'doit être de type {type}',
  'error.field.unknown': 'n’est pas un champ attendu',
  'error.field.repeated': 'ne doit pas contenir deux fois le même élément',
  'error.field.invalid': 'n’est pas valide',
  'error.field.nulCharacter': 'ne doit pas contenir le caractère NUL (\\u0000)',

  // Formulaires des programmes et des types de site, et leurs réponses
  'error.form.notObject': 'Le formulaire doit être un objet JSON Schema',
  'error.form.invalidSchema': 'Le formulaire n’est pas un JSON Schema valide : {detail}',
  'error.form.invalidAnswers': 'Les réponses au formulaire ne sont pas valides : {fields}',
  'error.form.stepUnknownField':
    'L’étape {step} cite « {name} », qui n’est pas un champ du formulaire',
  'error.form.fieldInTwoSteps': 'Le champ « {name} » figure dans deux étapes',
  'error.form.requiredFieldInNoStep': 'Le champ obligatoire « {name} » ne figure dans aucune étape',

  // Envois de fichiers
  'error.upload.notMultipart': 'Envoyez les données en multipart/form-data',
  'error.upload.fileMissing': 'Envoyez le fichier dans le champ « {field} »',
  'error.upload.fieldMissing': 'Le champ multipart « {field} » manque',
  'error.upload.fieldNotJson': 'Le champ multipart « {field} » n’est pas du JSON valide',
  'error.upload.unexpectedFile': 'Champ de fichier inattendu « {field} » : envoyez {expected}',
  'error.upload.tooManyFiles': 'Envoyez au plus les fichiers {expected}',
  'error.upload.fileTooLarge': 'Le fichier dépasse {max} Mo',
  'error.media.tooManyPhotos': 'Vous pouvez envoyer au plus {max} photos à la fois',
  'error.media.photoTooLarge': 'Une photo dépasse la limite de {max} Mo',
  'error.media.notFound': 'Aucune photo {id}/{variant}',
  'error.image.notImage': '{label} n’est pas une image dans l’un des formats {formats}',
  'error.image.wrongFormat':
    '{label} est une image {found}, pas une image dans l’un des formats {formats}',
  'error.image.undecodable': '{label} n’a pas pu être lu ; envoyez plutôt un JPEG',
  'error.image.tooManyPixels':
    '{label} mesure {width} × {height} pixels, au-delà de la limite de {limit} millions de pixels ; envoyez une image plus petite',

  // Comptes et sessions
  'error.auth.loginRequired': 'Vous devez vous connecter',
  'error.auth.sessionExpired': 'Votre session a expiré ou a été fermée ; reconnectez-vous',
  'error.auth.badAuthorizationHeader':
    'L’en-tête Authorization doit être « Bearer <jeton d’accès> »',
  'error.auth.tokenExpired': 'Ce jeton d’accès a expiré ou a été révoqué',
  'error.auth.noRefreshToken': 'Aucun jeton de renouvellement',
  'error.auth.refreshTokenJustUsed':
    'Ce jeton de renouvellement vient d’être utilisé ; utilisez le nouveau',
  'error.auth.refreshTokenInvalid':
    'Ce jeton de renouvellement n’est plus valide ; reconnectez-vous',
  'error.auth.wrongCredentials': 'Adresse e-mail, nom d’utilisateur ou mot de passe incorrect',
  'error.auth.accountGone': 'Ce compte n’existe plus',
  'error.auth.crossSiteRefused':
    'Requête d’un autre site refusée : envoyez-la depuis le site lui-même, ou utilisez un jeton Bearer',
  'error.auth.cookieFromOtherSite':
    'Une session par cookie ne peut être ouverte que depuis le site lui-même',
  'error.auth.accountDisabled': 'Ce compte est désactivé',
  'error.auth.emailNotConfirmed':
    'Confirmez d’abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau',
  'error.auth.adminOnly': 'Seul un administrateur peut faire cela',
  'error.auth.validatorOnly': 'Seul un validateur peut faire cela',
  'error.auth.observerOnly': 'Seul un observateur peut faire cela',
  'error.auth.invalidLink':
    'Ce lien n’est pas valide, a déjà servi ou a expiré ; demandez-en un nouveau',
  'error.auth.tooManyAttempts': 'Trop de tentatives ; réessayez dans {minutes} minute(s)',
  'error.auth.tooManyWrongPasswords':
    'Trop de mots de passe erronés depuis cet endroit : réessayez dans {minutes} minute(s), ou réinitialisez votre mot de passe.',
  'error.auth.captchaUnavailable':
    'Le captcha n’a pas pu être vérifié ; réessayez un peu plus tard',
  'error.auth.captchaRefused': 'Le captcha n’a pas été accepté ; résolvez-le à nouveau',
  'error.account.usernameTaken': 'Le nom d’utilisateur {username} est déjà pris',
  'error.account.emailTaken': 'Cette adresse a été prise entre-temps par un autre compte',
  'error.account.sameEmail': 'C’est déjà votre adresse',
  'error.account.wrongPassword': 'Le mot de passe est incorrect',
  'error.account.wrongCurrentPassword': 'Le mot de passe actuel est incorrect',
  'error.account.notFound': 'Aucun compte {id}',
  'error.account.ownAdminRights':
    'Un administrateur ne peut ni retirer son propre rôle d’administrateur ni désactiver son propre compte',
  'error.password.tooShort': 'Le mot de passe doit compter au moins {min} caractères',
  'error.password.tooCommon': 'Ce mot de passe est trop courant',
  'error.password.tooFewCharacters':
    'Le mot de passe doit utiliser au moins 4 caractères différents',
  'error.password.personal':
    'Le mot de passe ne doit contenir ni votre nom d’utilisateur ni votre adresse e-mail',
  'error.user.notFound': 'Aucun utilisateur nommé {username}',
  'error.user.noAvatar': 'Aucun avatar pour {username}',

  // Zones
  'error.area.badKind': 'La nature doit s’écrire en lettres minuscules, par ex. municipality',
  'error.area.notJson': 'Le fichier n’est pas du JSON',
  'error.area.notFeatureCollection': 'Le fichier doit être une FeatureCollection GeoJSON',
  'error.area.noFeatures': 'Le fichier ne contient aucun objet',
  'error.area.noCodeProperty':
    'L’objet 1 n’a pas de propriété de code ({candidates}) ; indiquez la propriété qui le contient',
  'error.area.noNameProperty':
    'L’objet 1 n’a pas de propriété de nom ({candidates}) ; indiquez la propriété qui le contient',
  'error.area.featureWithoutCode':
    'L’objet {feature} n’a pas de code dans sa propriété « {property} »',
  'error.area.featureWithoutName':
    'L’objet {feature} n’a pas de nom dans sa propriété « {property} »',
  'error.area.duplicateCode':
    'L’objet {feature} a le code « {code} » de l’objet {earlier} : les codes doivent être uniques',
  'error.area.badGeometry': 'Objet {feature} ({name}) : {detail}',
  'error.area.kindHasSensitivityRules':
    '{count} règle(s) de sensibilité s’appliquent dans des zones de nature « {kind} » : supprimez-les ou réimportez-les d’abord',
  'error.area.kindNotFound': 'Il n’y a aucune zone de nature « {kind} »',

  // Programmes et leurs zones
  'error.program.slugTaken': 'Un autre programme utilise déjà l’identifiant « {slug} »',
  'error.program.unknownSpeciesList': 'La liste d’espèces {id} n’existe pas',
  'error.program.unknownProject': 'Le projet {id} n’existe pas',
  'error.program.endsBeforeStart': 'La date de fin ne doit pas précéder la date de début',
  'error.program.noSpeciesList':
    'Le programme {id} n’a pas de liste d’espèces : il accepte tout le référentiel, cherchez-y avec GET /api/taxa/search?program={id}&q=…',
  'error.program.noLeaderboard': 'Le programme {id} n’a pas de classement',
  'error.program.areaNoPolygon': 'La zone ne contient aucun polygone',
  'error.program.areaUnreadable': 'Le fichier de zone n’est ni du GeoJSON ni du KML valide',
  'error.program.areaNotGeoJson':
    'La zone doit être du GeoJSON (géométrie, Feature ou FeatureCollection) ou du KML',
  'error.program.areaRingTooShort': 'Chaque anneau de la zone doit compter au moins 4 positions',
  'error.program.areaNotWgs84':
    'Les coordonnées de la zone doivent être des longitudes/latitudes WGS 84 en degrés (EPSG:4326)',
  'error.program.areaUnusable': 'La zone n’est pas du GeoJSON utilisable : {detail}',
  'error.program.areaEmpty': 'La zone n’a plus de surface une fois réparée',
  'error.location.invalid': 'Le lieu doit être [longitude, latitude] en degrés',
  'error.location.outsideArea': 'Le lieu est en dehors de la zone du programme',

  // Observations et filtres
  'error.observation.notFound': 'L’observation {id} n’existe pas',
  'error.observation.programClosed':
    'Le programme {id} n’est pas ouvert aux observations aujourd’hui',
  'error.observation.loginRequired':
    'Ce programme demande de vous connecter avant d’enregistrer une observation',
  'error.observation.taxonNotListed':
    'Le taxon {cdNom} ne figure pas sur la liste d’espèces de ce programme',
  'error.observation.dateInFuture': 'La date {date} est dans le futur',
  'error.observation.visitDate':
    'Une observation faite lors d’une visite prend la date de la visite ({date})',
  'error.observation.tooManyPhotos': 'Au plus {max} photos par observation',
  'error.observation.unknownPhoto': 'La photo {id} n’est pas une photo de cette observation',
  'error.observation.notYours':
    'Seuls l’observateur et les administrateurs peuvent modifier cette observation',
  'error.observation.noCustomForm':
    'Ce programme n’a pas de formulaire personnalisé : customData doit être vide',
  'error.observation.photoNotFound': 'La photo {photo} n’est pas une photo de l’observation {id}',
  'error.tile.outOfRange':
    'La tuile {z}/{x}/{y} n’existe pas : x et y doivent être inférieurs à 2^z',

  // Validation et modération
  'error.validation.reasonRequired':
    'Une raison est nécessaire pour marquer une observation {status}',
  'error.validation.ownObservation': 'Un validateur ne valide jamais ses propres observations',
  'error.validation.discussionClosed':
    'Seuls l’observateur et les validateurs peuvent discuter de cette observation',
  'error.validation.historyClosed':
    'Seuls l’observateur et les experts peuvent lire cet historique',
  'error.moderation.adminOnly': 'Seuls les administrateurs modèrent les observations',

  // Sites et visites
  'error.site.notSiteProgram': 'Le programme {id} enregistre des observations, pas des sites',
  'error.site.programClosed': 'Le programme {id} n’est pas ouvert aujourd’hui',
  'error.site.unknownType': 'Le type de site {id} n’est pas un type de site de ce programme',
  'error.site.tooManyPhotos': 'Au plus {max} photos',
  'error.site.unknownPhoto': 'La photo {id} n’est pas une photo de ce site',
  'error.site.loginRequired': 'Vous devez vous connecter pour enregistrer des sites et des visites',
  'error.site.notYours': 'Seuls le créateur du site et les administrateurs peuvent le modifier',
  'error.site.notYoursToDelete':
    'Seuls le créateur du site et les administrateurs peuvent le supprimer',
  'error.site.visitedByOthers':
    'D’autres observateurs ont visité ce site : demandez à un administrateur de le supprimer',
  'error.site.typeLocked':
    'Le type d’un site ne peut plus changer une fois qu’il a des visites (elles ont répondu à son formulaire de visite)',
  'error.siteType.noSiteForm':
    'Ce type de site n’a pas de formulaire de site : customData doit être vide',
  'error.siteType.noVisitForm':
    'Ce type de site n’a pas de formulaire de visite : customData doit être vide',
  'error.siteType.notFound': 'Le type de site {id} n’existe pas dans le programme {program}',
  'error.siteType.inUse': 'Le type de site {id} a {count} site(s) : il ne peut pas être supprimé',
  'error.visit.notFound': 'La visite {id} n’existe pas',
  'error.visit.disabled': 'Cette instance n’enregistre pas de visites de sites',
  'error.visit.dateInFuture': 'La date {date} est dans le futur',
  'error.visit.creatorOnly':
    'Dans ce programme, seul le créateur du site peut y ajouter des visites',
  'error.visit.notYours':
    'Seuls l’observateur de la visite et les administrateurs peuvent la modifier',
  'error.visit.notYoursToDelete':
    'Seuls l’observateur de la visite et les administrateurs peuvent la supprimer',
  'error.visit.unknown': 'La visite {id} n’existe pas',
  'error.visit.otherProgram': 'La visite {id} appartient à un autre programme',
  'error.visit.loginRequired': 'Vous devez vous connecter pour ajouter des espèces à une visite',
  'error.visit.observerOnly': 'Seul l’observateur de la visite peut y ajouter des espèces',

  // Listes d’espèces, référentiel et imports
  'error.taxon.unknown': 'Taxon inconnu : {cdNom}',
  'error.taxon.notFound': 'Le taxon {cdNom} n’existe pas',
  'error.speciesList.notFound': 'La liste d’espèces {id} n’existe pas',
  'error.speciesList.nameMissing': 'Donnez un nom à la liste (200 caractères au plus)',
  'error.speciesList.nameTaken': 'Une liste d’espèces nommée « {name} » existe déjà',
  'error.speciesList.taxonTwice': 'taxa/{index} : le taxon {cdNom} figure deux fois dans la liste',
  'error.speciesList.pictureTwice':
    'taxa/{index} : donnez pictureMediaId ou pictureUrl, pas les deux',
  'error.speciesList.pictureSourceTwice': 'Donnez mediaId ou url, pas les deux',
  'error.speciesList.unknownTaxa': 'Taxons inconnus : {cdNoms}',
  'error.speciesList.unknownMedia': 'Médias inconnus : {ids}',
  'error.speciesList.inUse':
    'La liste d’espèces « {name} » est utilisée par le(s) programme(s) {programs} ; donnez-leur d’abord une autre liste',
  'error.speciesList.taxonNotListed': 'Le taxon {cdNom} ne figure pas dans la liste d’espèces {id}',
  'error.sensitivity.badSource':
    'La source « {source} » n’est pas utilisable : nommez-la avec des lettres minuscules, des chiffres, . _ ou - (pas « {manual} », celle du back-office)',
  'error.sensitivity.noRule': 'Le taxon {cdNom} n’a pas de règle de sensibilité',
  'error.import.rejected': 'Le fichier contient {count} ligne(s) erronée(s) ; rien n’a été importé',
  'error.taxonomy.formatMissing': 'Indiquez le format : {formats}',
  'error.taxonomy.taxrefOneFile': 'Un import TAXREF ne prend qu’un fichier',
  'error.taxonomy.badLanguages': 'Les langues doivent être des codes ISO 639-1, par ex. {example}',
  'error.taxonomy.zipWithoutTaxref': 'Le fichier zip ne contient aucun fichier texte TAXREF',
  'error.taxonomy.archiveMissingFile': 'meta.xml cite {file}, absent de l’archive',
  'error.taxonomy.archiveNoTaxonCore': 'meta.xml ne décrit aucun cœur Taxon',
  'error.taxonomy.archiveNoTaxa': 'L’archive n’a ni meta.xml ni fichier Taxon.tsv ou taxon.txt',
  'error.zip.notZip': 'Ce n’est pas un fichier zip (pas de fin de répertoire central)',
  'error.zip.damaged': 'Le fichier zip est endommagé ({part})',
  'error.zip.encrypted': 'Le fichier zip contient {name}, qui est chiffré',
  'error.zip.unsupportedCompression':
    '{name} utilise une méthode de compression non prise en charge ({method})',
  'error.taxhub.unreachable': 'Le serveur TaxHub n’a pas répondu ({detail})',
  'error.taxhub.badAnswer': 'Le serveur TaxHub a répondu {status} à {route}',
  'error.taxhub.noList': 'TaxHub n’a pas de liste {id}',
  'error.taxhub.listNotLinked':
    'La liste d’espèces {id} n’est liée à aucune liste TaxHub : renseignez son taxhubListId',

  // Badges, pages, réglages
  'error.badges.disabled': 'Les badges ne sont pas activés sur cette instance',
  'error.badge.notFound': 'La règle de badge {id} n’existe pas',
  'error.badge.programRequired': 'Une règle program_observations a besoin d’un programme',
  'error.badge.programNotAllowed': 'Une règle {kind} n’a pas de programme',
  'error.badge.taxonRequired': 'Une règle taxon_species a besoin d’un taxonRank et d’un taxonName',
  'error.badge.taxonNotAllowed': 'taxonRank et taxonName ne servent qu’aux règles taxon_species',
  'error.badge.thresholdTooLow': 'Le seuil doit valoir au moins 1 (0 ne sert qu’à l’ancienneté)',
  'error.badge.pictureTwice': 'Donnez pictureUrl ou pictureMediaId, pas les deux',
  'error.badge.unknownProgram': 'Le programme {id} n’existe pas',
  'error.badge.unknownPicture': 'pictureMediaId n’est pas une image enregistrée',
};
