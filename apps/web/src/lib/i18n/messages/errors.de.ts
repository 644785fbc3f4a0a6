import type { ErrorKey } from './errors.en.js';
import { loadErrorsDe } from './load-errors.de.js';

/** Die Fehlertexte der API, nach Code (siehe packages/shared/src/errors.ts). */
export const errorsDe: Record<ErrorKey, string> = {
  ...loadErrorsDe,
  // Von den Schemas oder der HTTP-Schicht abgelehnte Anfragen
  'error.idempotency.keyReused':
    'Dieser Idempotenzschlüssel (Idempotency-Key) wurde schon für eine andere Anfrage verwendet: Erzeugen Sie für jedes neue Element einen neuen Schlüssel',

  'error.field.required': 'ist erforderlich',
  'error.field.tooShort': 'muss mindestens {limit} Zeichen haben',
  'error.field.tooLong': 'darf höchstens {limit} Zeichen haben',
  'error.field.tooSmall': 'muss mindestens {limit} sein',
  'error.field.tooLarge': 'darf höchstens {limit} sein',
  'error.field.notAbove': 'muss größer als {limit} sein',
  'error.field.notBelow': 'muss kleiner als {limit} sein',
  'error.field.tooFewItems': 'muss mindestens {limit} Einträge haben',
  'error.field.tooManyItems': 'darf höchstens {limit} Einträge haben',
  'error.field.tooFewEntries': 'muss mindestens {limit} Einträge haben',
  'error.field.tooManyEntries': 'darf höchstens {limit} Einträge haben',
  'error.field.format': 'muss im Format {format} sein',
  'error.field.pattern': 'hat nicht die erwartete Form',
  'error.field.notAllowed': 'muss einer dieser Werte sein: {allowed}',
  'error.field.wrongType': 'muss vom Typ {type} sein',
  'error.field.unknown': 'ist kein erwartetes Feld',
  'error.field.repeated': 'darf denselben Eintrag nicht zweimal enthalten',
  'error.field.invalid': 'ist ungültig',
  'error.field.nulCharacter': 'darf das NUL-Zeichen (\\u0000) nicht enthalten',

  // Formulare der Programme und Standorttypen und ihre Antworten
  'error.form.notObject': 'Das Formular muss ein JSON-Schema-Objekt sein',
  'error.form.invalidSchema': 'Das Formular ist kein gültiges JSON Schema: {detail}',
  'error.form.invalidAnswers': 'Die Antworten auf das Formular sind ungültig: {fields}',
  'error.form.stepUnknownField': 'Schritt {step} nennt „{name}“, das kein Feld des Formulars ist',
  'error.form.fieldInTwoSteps': 'Das Feld „{name}“ steht in zwei Schritten',
  'error.form.requiredFieldInNoStep': 'Das Pflichtfeld „{name}“ steht in keinem Schritt',

  // Hochgeladene Dateien
  'error.upload.notMultipart': 'Senden Sie die Daten als multipart/form-data',
  'error.upload.fileMissing': 'Senden Sie die Datei im Feld „{field}“',
  'error.upload.fieldMissing': 'Das Multipart-Feld „{field}“ fehlt',
  'error.upload.fieldNotJson': 'Das Multipart-Feld „{field}“ ist kein gültiges JSON',
  'error.upload.unexpectedFile': 'Unerwartetes Dateifeld „{field}“: senden Sie {expected}',
  'error.upload.tooManyFiles': 'Senden Sie höchstens die Dateien {expected}',
  'error.upload.fileTooLarge': 'Die Datei ist größer als {max} MB',
  'error.media.tooManyPhotos': 'Es können höchstens {max} Fotos auf einmal gesendet werden',
  'error.media.photoTooLarge': 'Ein Foto überschreitet die Grenze von {max} MB',
  'error.media.notFound': 'Kein Foto {id}/{variant}',
  'error.image.notImage': '{label} ist kein Bild in einem der Formate {formats}',
  'error.image.wrongFormat':
    '{label} ist ein {found}-Bild, kein Bild in einem der Formate {formats}',
  'error.image.undecodable': '{label} konnte nicht gelesen werden; bitte senden Sie ein JPEG',
  'error.image.tooManyPixels':
    '{label} hat {width} × {height} Pixel, mehr als die Grenze von {limit} Millionen Pixeln; bitte senden Sie ein kleineres Bild',

  // Konten und Sitzungen
  'error.auth.loginRequired': 'Sie müssen sich anmelden',
  'error.auth.sessionExpired':
    'Ihre Sitzung ist abgelaufen oder wurde beendet; melden Sie sich erneut an',
  'error.auth.badAuthorizationHeader':
    'Der Authorization-Header muss „Bearer <Zugriffstoken>“ lauten',
  'error.auth.tokenExpired': 'Dieses Zugriffstoken ist abgelaufen oder wurde widerrufen',
  'error.auth.noRefreshToken': 'Kein Erneuerungstoken',
  'error.auth.refreshTokenJustUsed':
    'Dieses Erneuerungstoken wurde gerade verwendet; verwenden Sie das neue',
  'error.auth.refreshTokenInvalid':
    'Dieses Erneuerungstoken ist nicht mehr gültig; melden Sie sich erneut an',
  'error.auth.wrongCredentials':
    'Falsche E-Mail-Adresse, falscher Benutzername oder falsches Passwort',
  'error.auth.accountGone': 'Dieses Konto existiert nicht mehr',
  'error.auth.crossSiteRefused':
    'Anfrage von einer anderen Website abgelehnt: senden Sie sie von der Website selbst oder verwenden Sie ein Bearer-Token',
  'error.auth.cookieFromOtherSite':
    'Eine Cookie-Sitzung kann nur von der Website selbst geöffnet werden',
  'error.auth.accountDisabled': 'Dieses Konto ist deaktiviert',
  'error.auth.emailNotConfirmed':
    'Bestätigen Sie zuerst Ihre E-Mail-Adresse: öffnen Sie den Link, den wir Ihnen geschickt haben, oder fordern Sie einen neuen an',
  'error.auth.adminOnly': 'Nur ein Administrator darf das tun',
  'error.auth.validatorOnly': 'Nur ein Validierer darf das tun',
  'error.auth.observerOnly': 'Nur ein Beobachter darf das tun',
  'error.auth.invalidLink':
    'Dieser Link ist ungültig, wurde bereits verwendet oder ist abgelaufen; fordern Sie einen neuen an',
  'error.auth.tooManyAttempts': 'Zu viele Versuche; versuchen Sie es in {minutes} Minute(n) erneut',
  'error.auth.tooManyWrongPasswords':
    'Zu viele falsche Passwörter von hier: versuchen Sie es in {minutes} Minute(n) erneut oder setzen Sie Ihr Passwort zurück.',
  'error.auth.captchaUnavailable':
    'Das Captcha konnte nicht geprüft werden; bitte versuchen Sie es später erneut',
  'error.auth.captchaRefused': 'Das Captcha wurde nicht akzeptiert; bitte lösen Sie es erneut',
  'error.account.usernameTaken': 'Der Benutzername {username} ist bereits vergeben',
  'error.account.emailTaken': 'Diese Adresse wurde inzwischen von einem anderen Konto übernommen',
  'error.account.sameEmail': 'Das ist bereits Ihre Adresse',
  'error.account.wrongPassword': 'Das Passwort ist falsch',
  'error.account.wrongCurrentPassword': 'Das aktuelle Passwort ist falsch',
  'error.account.notFound': 'Kein Konto {id}',
  'error.account.ownAdminRights':
    'Ein Administrator kann weder seine eigene Administratorrolle entfernen noch sein eigenes Konto deaktivieren',
  'error.password.tooShort': 'Das Passwort muss mindestens {min} Zeichen haben',
  'error.password.tooCommon': 'Dieses Passwort ist zu verbreitet',
  'error.password.tooFewCharacters':
    'Das Passwort muss mindestens 4 verschiedene Zeichen verwenden',
  'error.password.personal':
    'Das Passwort darf weder Ihren Benutzernamen noch Ihre E-Mail-Adresse enthalten',
  'error.user.notFound': 'Kein Benutzer namens {username}',
  'error.user.noAvatar': 'Kein Avatar für {username}',

  // Gebiete
  'error.area.badKind': 'Die Art muss aus Kleinbuchstaben bestehen, z. B. municipality',
  'error.area.notJson': 'Die Datei ist kein JSON',
  'error.area.notFeatureCollection': 'Die Datei muss eine GeoJSON-FeatureCollection sein',
  'error.area.noFeatures': 'Die Datei enthält keine Features',
  'error.area.noCodeProperty':
    'Feature 1 hat keine Code-Eigenschaft ({candidates}); nennen Sie die Eigenschaft, die ihn enthält',
  'error.area.noNameProperty':
    'Feature 1 hat keine Namens-Eigenschaft ({candidates}); nennen Sie die Eigenschaft, die ihn enthält',
  'error.area.featureWithoutCode':
    'Feature {feature} hat keinen Code in seiner Eigenschaft „{property}“',
  'error.area.featureWithoutName':
    'Feature {feature} hat keinen Namen in seiner Eigenschaft „{property}“',
  'error.area.duplicateCode':
    'Feature {feature} hat den Code „{code}“ von Feature {earlier}: Codes müssen eindeutig sein',
  'error.area.badGeometry': 'Feature {feature} ({name}): {detail}',
  'error.area.kindHasSensitivityRules':
    '{count} Sensibilitätsregel(n) gelten in Gebieten der Art „{kind}“: entfernen oder importieren Sie sie zuerst neu',
  'error.area.kindNotFound': 'Es gibt keine Gebiete der Art „{kind}“',

  // Programme und ihre Gebiete
  'error.program.slugTaken': 'Ein anderes Programm verwendet bereits die Kennung „{slug}“',
  'error.program.unknownSpeciesList': 'Die Artenliste {id} existiert nicht',
  'error.program.unknownProject': 'Das Projekt {id} existiert nicht',
  'error.program.endsBeforeStart': 'Das Enddatum darf nicht vor dem Startdatum liegen',
  'error.program.noSpeciesList':
    'Das Programm {id} hat keine Artenliste: es nimmt die ganze Taxonomie an; suchen Sie darin mit GET /api/taxa/search?program={id}&q=…',
  'error.program.noLeaderboard': 'Das Programm {id} hat keine Rangliste',
  'error.program.areaNoPolygon': 'Das Gebiet enthält kein Polygon',
  'error.program.areaUnreadable': 'Die Gebietsdatei ist weder GeoJSON noch gültiges KML',
  'error.program.areaNotGeoJson':
    'Das Gebiet muss GeoJSON (Geometrie, Feature oder FeatureCollection) oder KML sein',
  'error.program.areaRingTooShort': 'Jeder Ring des Gebiets braucht mindestens 4 Positionen',
  'error.program.areaNotWgs84':
    'Die Koordinaten des Gebiets müssen WGS-84-Längen/Breiten in Grad sein (EPSG:4326)',
  'error.program.areaUnusable': 'Das Gebiet ist kein verwendbares GeoJSON: {detail}',
  'error.program.areaEmpty': 'Das Gebiet hat nach der Reparatur keine Fläche mehr',
  'error.location.invalid': 'Der Ort muss [Länge, Breite] in Grad sein',
  'error.location.outsideArea': 'Der Ort liegt außerhalb des Gebiets des Programms',

  // Beobachtungen und Filter
  'error.observation.notFound': 'Die Beobachtung {id} existiert nicht',
  'error.observation.programClosed': 'Das Programm {id} nimmt heute keine Beobachtungen an',
  'error.observation.loginRequired':
    'Dieses Programm verlangt, dass Sie sich anmelden, bevor Sie eine Beobachtung erfassen',
  'error.observation.taxonNotListed':
    'Das Taxon {cdNom} steht nicht auf der Artenliste dieses Programms',
  'error.observation.dateInFuture': 'Das Datum {date} liegt in der Zukunft',
  'error.observation.visitDate':
    'Eine Beobachtung bei einem Besuch trägt das Datum des Besuchs ({date})',
  'error.observation.tooManyPhotos': 'Höchstens {max} Fotos pro Beobachtung',
  'error.observation.unknownPhoto': 'Das Foto {id} ist kein Foto dieser Beobachtung',
  'error.observation.notYours':
    'Nur der Beobachter oder ein Administrator darf diese Beobachtung ändern',
  'error.observation.noCustomForm':
    'Dieses Programm hat kein eigenes Formular: customData muss leer sein',
  'error.observation.photoNotFound': 'Das Foto {photo} ist kein Foto der Beobachtung {id}',
  'error.tile.outOfRange':
    'Die Kachel {z}/{x}/{y} existiert nicht: x und y müssen kleiner als 2^z sein',

  // Validierung und Moderation
  'error.validation.reasonRequired':
    'Um eine Beobachtung als {status} zu markieren, ist eine Begründung nötig',
  'error.validation.ownObservation': 'Ein Validierer validiert nie seine eigene Beobachtung',
  'error.validation.discussionClosed':
    'Nur der Beobachter und die Validierer dürfen diese Beobachtung besprechen',
  'error.validation.historyClosed': 'Nur der Beobachter und Experten dürfen diesen Verlauf lesen',
  'error.moderation.adminOnly': 'Nur Administratoren moderieren Beobachtungen',

  // Standorte und Besuche
  'error.site.notSiteProgram': 'Das Programm {id} erfasst Beobachtungen, keine Standorte',
  'error.site.programClosed': 'Das Programm {id} ist heute nicht geöffnet',
  'error.site.unknownType': 'Der Standorttyp {id} ist kein Standorttyp dieses Programms',
  'error.site.tooManyPhotos': 'Höchstens {max} Fotos',
  'error.site.unknownPhoto': 'Das Foto {id} ist kein Foto dieses Standorts',
  'error.site.loginRequired': 'Sie müssen sich anmelden, um Standorte und Besuche zu erfassen',
  'error.site.notYours': 'Nur der Ersteller des Standorts oder ein Administrator darf ihn ändern',
  'error.site.notYoursToDelete':
    'Nur der Ersteller des Standorts oder ein Administrator darf ihn löschen',
  'error.site.visitedByOthers':
    'Andere Beobachter haben diesen Standort besucht: bitten Sie einen Administrator, ihn zu löschen',
  'error.site.typeLocked':
    'Der Typ eines Standorts kann sich nicht mehr ändern, sobald er Besuche hat (sie haben sein Besuchsformular beantwortet)',
  'error.siteType.noSiteForm':
    'Dieser Standorttyp hat kein Standortformular: customData muss leer sein',
  'error.siteType.noVisitForm':
    'Dieser Standorttyp hat kein Besuchsformular: customData muss leer sein',
  'error.siteType.notFound': 'Der Standorttyp {id} existiert im Programm {program} nicht',
  'error.siteType.inUse':
    'Der Standorttyp {id} hat {count} Standort(e): er kann nicht gelöscht werden',
  'error.visit.notFound': 'Der Besuch {id} existiert nicht',
  'error.visit.disabled': 'Diese Instanz erfasst keine Besuche von Standorten',
  'error.visit.dateInFuture': 'Das Datum {date} liegt in der Zukunft',
  'error.visit.creatorOnly':
    'In diesem Programm darf nur der Ersteller des Standorts Besuche hinzufügen',
  'error.visit.notYours': 'Nur der Beobachter des Besuchs oder ein Administrator darf ihn ändern',
  'error.visit.notYoursToDelete':
    'Nur der Beobachter des Besuchs oder ein Administrator darf ihn löschen',
  'error.visit.unknown': 'Der Besuch {id} existiert nicht',
  'error.visit.otherProgram': 'Der Besuch {id} gehört zu einem anderen Programm',
  'error.visit.loginRequired': 'Sie müssen sich anmelden, um einem Besuch Arten hinzuzufügen',
  'error.visit.observerOnly': 'Nur der Beobachter des Besuchs darf ihm Arten hinzufügen',

  // Artenlisten, Taxonomie und Importe
  'error.taxon.unknown': 'Unbekanntes Taxon {cdNom}',
  'error.taxon.notFound': 'Das Taxon {cdNom} existiert nicht',
  'error.speciesList.notFound': 'Die Artenliste {id} existiert nicht',
  'error.speciesList.nameMissing': 'Geben Sie der Liste einen Namen (höchstens 200 Zeichen)',
  'error.speciesList.nameTaken': 'Eine Artenliste namens „{name}“ gibt es bereits',
  'error.speciesList.taxonTwice': 'taxa/{index}: das Taxon {cdNom} steht zweimal in der Liste',
  'error.speciesList.pictureTwice':
    'taxa/{index}: geben Sie pictureMediaId oder pictureUrl an, nicht beides',
  'error.speciesList.pictureSourceTwice': 'Geben Sie mediaId oder url an, nicht beides',
  'error.speciesList.unknownTaxa': 'Unbekannte Taxa: {cdNoms}',
  'error.speciesList.unknownMedia': 'Unbekannte Medien: {ids}',
  'error.speciesList.inUse':
    'Die Artenliste „{name}“ wird von dem/den Programm(en) {programs} verwendet; geben Sie ihnen zuerst eine andere Liste',
  'error.speciesList.taxonNotListed': 'Das Taxon {cdNom} steht nicht in der Artenliste {id}',
  'error.sensitivity.badSource':
    'Die Quelle „{source}“ ist nicht verwendbar: benennen Sie sie mit Kleinbuchstaben, Ziffern, . _ oder - (nicht „{manual}“, die der Verwaltung)',
  'error.sensitivity.noRule': 'Das Taxon {cdNom} hat keine Sensibilitätsregel',
  'error.import.rejected': 'Die Datei hat {count} fehlerhafte Zeile(n); nichts wurde importiert',
  'error.taxonomy.formatMissing': 'Geben Sie das Format an: {formats}',
  'error.taxonomy.taxrefOneFile': 'Ein TAXREF-Import nimmt eine einzige Datei',
  'error.taxonomy.badLanguages': 'Sprachen müssen ISO-639-1-Codes sein, z. B. {example}',
  'error.taxonomy.zipWithoutTaxref': 'Die ZIP-Datei enthält keine TAXREF-Textdatei',
  'error.taxonomy.archiveMissingFile': 'meta.xml nennt {file}, das im Archiv fehlt',
  'error.taxonomy.archiveNoTaxonCore': 'meta.xml beschreibt keinen Taxon-Kern',
  'error.taxonomy.archiveNoTaxa':
    'Das Archiv hat weder meta.xml noch eine Datei Taxon.tsv oder taxon.txt',
  'error.zip.notZip': 'Das ist keine ZIP-Datei (kein Ende des zentralen Verzeichnisses)',
  'error.zip.damaged': 'Die ZIP-Datei ist beschädigt ({part})',
  'error.zip.encrypted': 'Die ZIP-Datei enthält {name}, das verschlüsselt ist',
  'error.zip.unsupportedCompression':
    '{name} verwendet eine nicht unterstützte Kompressionsmethode ({method})',
  'error.taxhub.unreachable': 'Der TaxHub-Server hat nicht geantwortet ({detail})',
  'error.taxhub.badAnswer': 'Der TaxHub-Server hat auf {route} mit {status} geantwortet',
  'error.taxhub.noList': 'TaxHub hat keine Liste {id}',
  'error.taxhub.listNotLinked':
    'Die Artenliste {id} ist mit keiner TaxHub-Liste verknüpft: setzen Sie ihre taxhubListId',

  // Abzeichen, Seiten, Einstellungen
  'error.badges.disabled': 'Abzeichen sind auf dieser Instanz nicht eingeschaltet',
  'error.badge.notFound': 'Die Abzeichen-Regel {id} existiert nicht',
  'error.badge.programRequired': 'Eine Regel program_observations braucht ein Programm',
  'error.badge.programNotAllowed': 'Eine Regel {kind} hat kein Programm',
  'error.badge.taxonRequired': 'Eine Regel taxon_species braucht taxonRank und taxonName',
  'error.badge.taxonNotAllowed': 'taxonRank und taxonName gibt es nur bei Regeln taxon_species',
  'error.badge.thresholdTooLow':
    'Die Schwelle muss mindestens 1 sein (0 gibt es nur bei der Mitgliedsdauer)',
  'error.badge.pictureTwice': 'Geben Sie pictureUrl oder pictureMediaId an, nicht beides',
  'error.badge.unknownProgram': 'Das Programm {id} existiert nicht',
  'error.badge.unknownPicture': 'pictureMediaId ist kein gespeichertes Bild',
};
