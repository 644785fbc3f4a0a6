import type { Section } from './en.js';
import type { adminCatalogueEn } from './admin-catalogue.en.js';

export const adminCatalogueDe: Section<typeof adminCatalogueEn> = {
  'adminCatalogue.upload.label': 'Datei wird gesendet',
  'adminCatalogue.upload.sending': 'Wird gesendet…',
  'adminCatalogue.upload.sent': '{percent} % gesendet ({loaded} von {total})',
  'adminCatalogue.upload.processing':
    'Die Datei ist gesendet; der Server prüft und importiert sie…',
  'adminCatalogue.upload.cancel': 'Senden abbrechen',
  'adminCatalogue.upload.cancelled': 'Das Senden wurde abgebrochen: nichts wurde importiert.',
  'adminCatalogue.upload.tooLarge': 'Die Datei ist größer als {max}.',
  'adminCatalogue.upload.refusedTooLarge':
    'Der Server hat die Datei als zu groß abgelehnt. Importieren Sie sie stattdessen auf dem Server über die Kommandozeile.',
  'adminCatalogue.report.done': 'Import abgeschlossen',
  'adminCatalogue.report.rejected': 'Die Datei wurde abgelehnt',
  'adminCatalogue.report.nothingChanged': {
    one: 'Sie hat {count} fehlerhafte Zeile; nichts wurde importiert. Korrigieren Sie sie und senden Sie die Datei erneut.',
    other:
      'Sie hat {count} fehlerhafte Zeilen; nichts wurde importiert. Korrigieren Sie sie und senden Sie die Datei erneut.',
  },
  'adminCatalogue.report.errorsCaption': 'Die fehlerhaften Zeilen der Datei',
  'adminCatalogue.report.file': 'Datei',
  'adminCatalogue.report.line': 'Zeile',
  'adminCatalogue.report.problem': 'Problem',
  'adminCatalogue.report.wholeFile': 'ganze Datei',
  'adminCatalogue.report.more': {
    one: 'Und {count} weitere fehlerhafte Zeile.',
    other: 'Und {count} weitere fehlerhafte Zeilen.',
  },
  'adminCatalogue.report.inserted': 'Hinzugefügt',
  'adminCatalogue.report.updated': 'Aktualisiert',
  'adminCatalogue.report.unchanged': 'Unverändert',
  'adminCatalogue.report.removed': 'Aus der Liste entfernt',

  'adminCatalogue.lists.title': 'Artenlisten',
  'adminCatalogue.lists.intro':
    'Ein Programm bezieht seine Arten aus einer Liste; ein Programm ohne Liste nimmt die ganze Taxonomie an. Jedes Taxon einer Liste kann ein Bild haben, das bei der Artauswahl gezeigt wird.',
  'adminCatalogue.lists.empty': 'Es gibt noch keine Artenliste.',
  'adminCatalogue.lists.caption': 'Artenlisten',
  'adminCatalogue.lists.name': 'Name',
  'adminCatalogue.lists.description': 'Beschreibung',
  'adminCatalogue.lists.taxa': 'Taxa',
  'adminCatalogue.lists.programmes': 'Programme',
  'adminCatalogue.lists.updated': 'Letzte Änderung',
  'adminCatalogue.lists.new': 'Neue Liste',
  'adminCatalogue.lists.create': 'Liste anlegen',
  'adminCatalogue.lists.needName': 'Geben Sie der Liste einen Namen.',
  'adminCatalogue.lists.needFile': 'Wählen Sie eine CSV-Datei.',
  'adminCatalogue.lists.importTitle': 'Eine Liste aus einer CSV-Datei importieren',
  'adminCatalogue.lists.importIntro':
    'Ein neuer Name legt eine Liste an; der Name einer bestehenden Liste ersetzt ihre Taxa durch die der Datei.',
  'adminCatalogue.lists.importCreates': 'Eine neue Liste wird angelegt.',
  'adminCatalogue.lists.importReplaces': {
    one: 'Diese Liste gibt es: ihr {count} Taxon wird durch die der Datei ersetzt.',
    other: 'Diese Liste gibt es: ihre {count} Taxa werden durch die der Datei ersetzt.',
  },
  'adminCatalogue.lists.formatTitle': 'Das erwartete CSV-Format',
  'adminCatalogue.lists.formatHeader':
    'UTF-8-Text, durch Komma, Semikolon oder Tabulator getrennt, mit einer Kopfzeile, die die Spalten benennt.',
  'adminCatalogue.lists.formatTaxon':
    'cd_nom (die TAXREF-Kennung) oder scientific_name in jeder Zeile: eines von beiden genügt.',
  'adminCatalogue.lists.formatPicture':
    'picture_url (optional): die http(s)-Adresse eines Bildes des Taxons.',
  'adminCatalogue.lists.formatPosition':
    'position (optional): die Reihenfolge in der Liste; sonst die der Zeilen.',
  'adminCatalogue.lists.formatAllOrNothing':
    'Alles oder nichts: eine einzige fehlerhafte Zeile lässt die ganze Datei ablehnen, und die betroffenen Zeilen werden mit ihrer Nummer genannt (die Kopfzeile ist Zeile 1).',
  'adminCatalogue.lists.formatExample': 'Zum Beispiel:',
  'adminCatalogue.lists.csvFile': 'CSV-Datei',
  'adminCatalogue.lists.csvHint': 'Höchstens {max}.',
  'adminCatalogue.lists.import': 'Datei importieren',
  'adminCatalogue.lists.open': 'Die Liste „{name}“ öffnen',

  'adminCatalogue.list.back': '← Alle Artenlisten',
  'adminCatalogue.list.summary': {
    zero: 'Noch kein Taxon.',
    one: '{count} Taxon.',
    other: '{count} Taxa.',
  },
  'adminCatalogue.list.usedBy': {
    one: 'Von {count} Programm verwendet.',
    other: 'Von {count} Programmen verwendet.',
  },
  'adminCatalogue.list.addTitle': 'Ein Taxon hinzufügen',
  'adminCatalogue.list.search': 'In der Taxonomie suchen',
  'adminCatalogue.list.add': 'Zur Liste hinzufügen',
  'adminCatalogue.list.chooseFirst': 'Wählen Sie zuerst ein Taxon aus den Vorschlägen.',
  'adminCatalogue.list.already': '{name} ist schon in der Liste.',
  'adminCatalogue.list.added': '{name} wurde zur Liste hinzugefügt.',
  'adminCatalogue.list.removed': '{name} wurde aus der Liste genommen.',
  'adminCatalogue.list.moved': '{name} wurde verschoben.',
  'adminCatalogue.list.taxaTitle': 'Taxa der Liste',
  'adminCatalogue.list.empty':
    'Die Liste hat noch kein Taxon: fügen Sie welche über die Suche in der Taxonomie hinzu.',
  'adminCatalogue.list.pictureHint':
    'Bilder: JPEG, PNG, WebP oder AVIF. Der Server prüft, dass die Datei ein Bild ist.',
  'adminCatalogue.list.picture': 'Bild',
  'adminCatalogue.list.taxon': 'Taxon',
  'adminCatalogue.list.pictureActions': 'Bild',
  'adminCatalogue.list.listActions': 'In der Liste',
  'adminCatalogue.list.pictureOf': 'Bild von {name}',
  'adminCatalogue.list.uploadPicture': 'Bild hochladen',
  'adminCatalogue.list.replacePicture': 'Bild ersetzen',
  'adminCatalogue.list.uploadPictureOf': 'Ein Bild von {name} hochladen',
  'adminCatalogue.list.removePicture': 'Bild entfernen',
  'adminCatalogue.list.pictureSaved': 'Das Bild von {name} ist gespeichert.',
  'adminCatalogue.list.pictureRemoved': 'Das Bild von {name} wurde entfernt.',
  'adminCatalogue.list.moveUp': '{name} nach oben',
  'adminCatalogue.list.moveDown': '{name} nach unten',
  'adminCatalogue.list.remove': 'Herausnehmen',
  'adminCatalogue.list.detailsTitle': 'Name und Beschreibung',
  'adminCatalogue.list.deleteTitle': 'Liste löschen',
  'adminCatalogue.list.deleteHint':
    'Kein Programm verwendet diese Liste: sie kann gelöscht werden.',
  'adminCatalogue.list.deleteUsed': {
    one: 'Ein Programm verwendet diese Liste: geben Sie ihm in seinen Einstellungen eine andere Liste (oder keine), bevor Sie diese löschen.',
    other:
      '{count} Programme verwenden diese Liste: geben Sie ihnen in ihren Einstellungen eine andere Liste (oder keine), bevor Sie diese löschen.',
  },
  'adminCatalogue.list.delete': 'Liste löschen',
  'adminCatalogue.list.deleteConfirmTitle': '„{name}“ löschen?',
  'adminCatalogue.list.deleteConfirm': {
    zero: 'Die Liste wird gelöscht. Die Taxonomie selbst ändert sich nicht.',
    one: 'Die Liste und das Bild ihres Taxons werden gelöscht. Die Taxonomie selbst ändert sich nicht.',
    other:
      'Die Liste, ihre {count} Taxa und deren Bilder werden gelöscht. Die Taxonomie selbst ändert sich nicht.',
  },

  'adminCatalogue.taxonomy.title': 'Taxonomie',
  'adminCatalogue.taxonomy.intro':
    'Citizen hält eine eigene Kopie der Taxonomie, die die Artsuche und die Artenlisten verwenden. Importieren Sie TAXREF, die französische nationale Referenz, oder jede Darwin-Core-Checkliste, deren Taxon-Kennungen ganze Zahlen sind. Vorhandene Taxa werden aktualisiert, andere hinzugefügt; keines wird gelöscht.',
  'adminCatalogue.taxonomy.importTitle': 'Eine Datei importieren',
  'adminCatalogue.taxonomy.source': 'Art der Datei',
  'adminCatalogue.taxonomy.source.taxref': 'TAXREF',
  'adminCatalogue.taxonomy.source.dwc-archive': 'Darwin-Core-Archiv',
  'adminCatalogue.taxonomy.source.dwc-files': 'Darwin-Core-Checklistendateien (CSV oder TSV)',
  'adminCatalogue.taxonomy.sourceHint.taxref':
    'TAXREFv18.txt wie veröffentlicht (tabulatorgetrennt) oder das Zip, in dem es kommt.',
  'adminCatalogue.taxonomy.sourceHint.dwc-archive':
    'Ein Zip mit meta.xml, der Taxon-Datei und wahlweise den Trivialnamen (z. B. ein GBIF-Checklisten-Export).',
  'adminCatalogue.taxonomy.sourceHint.dwc-files':
    'Die Taxon-Datei (Taxon.tsv, taxon.csv…) und wahlweise die Datei der Trivialnamen.',
  'adminCatalogue.taxonomy.taxrefFile': 'TAXREF-Datei',
  'adminCatalogue.taxonomy.archive': 'Darwin-Core-Archiv (Zip)',
  'adminCatalogue.taxonomy.taxonFile': 'Taxon-Datei',
  'adminCatalogue.taxonomy.vernacularFile': 'Datei der Trivialnamen',
  'adminCatalogue.taxonomy.sizeHint':
    'Höchstens {max}. Ein Proxy vor der Website kann große Dateien schon früher ablehnen: importieren Sie diese auf dem Server über die Kommandozeile (unten).',
  'adminCatalogue.taxonomy.csvTitle': 'Die erwarteten Spalten',
  'adminCatalogue.taxonomy.csvTaxon':
    'Taxon-Datei: eine Kopfzeile mit taxonID (eine ganze Zahl), scientificName und taxonRank.',
  'adminCatalogue.taxonomy.csvOptional':
    'Optional: scientificNameAuthorship, kingdom, phylum, class, order, family, acceptedNameUsageID (für Synonyme), taxonomicStatus.',
  'adminCatalogue.taxonomy.csvVernacular':
    'Datei der Trivialnamen: taxonID, vernacularName, language (fr, en, de…), wahlweise isPreferredName.',
  'adminCatalogue.taxonomy.version': 'TAXREF-Version',
  'adminCatalogue.taxonomy.versionHint':
    'Zum Beispiel 18.0. Leer gelassen, wird sie aus dem Dateinamen gelesen (TAXREFv18.txt).',
  'adminCatalogue.taxonomy.languages': 'Sprachen der behaltenen Trivialnamen',
  'adminCatalogue.taxonomy.languagesHint':
    'Zweibuchstabige Codes, durch Kommas getrennt, z. B. fr,en,de.',
  'adminCatalogue.taxonomy.badLanguages':
    'Geben Sie zweibuchstabige Sprachcodes an, durch Kommas getrennt.',
  'adminCatalogue.taxonomy.needFile': 'Wählen Sie die zu importierende Datei.',
  'adminCatalogue.taxonomy.allOrNothing':
    'Alles oder nichts: ist eine einzige Zeile fehlerhaft, wird nichts importiert und der Bericht nennt die betroffenen Zeilen.',
  'adminCatalogue.taxonomy.import': 'Importieren',
  'adminCatalogue.taxonomy.progress': '{name} wird gesendet',
  'adminCatalogue.taxonomy.cliTitle': 'Sehr große Dateien',
  'adminCatalogue.taxonomy.cli':
    'Ein vollständiges TAXREF ist etwa 250 MB groß. Schneller, und von keinem Proxy begrenzt, ist der Import auf dem Server:',

  'adminCatalogue.areas.title': 'Gebiete',
  'adminCatalogue.areas.intro':
    'Gemeinden und andere Gebiete (Départements, Parks…), aus GeoJSON importiert. Beobachtungen erhalten ihre Gemeinde aus den Gebieten der Art „municipality“, und die Öffentlichkeit kann Beobachtungen nach Gebiet filtern.',
  'adminCatalogue.areas.empty': 'Es wurde noch kein Gebiet importiert.',
  'adminCatalogue.areas.caption': 'Gebiete nach Art',
  'adminCatalogue.areas.kind': 'Art',
  'adminCatalogue.areas.count': 'Gebiete',
  'adminCatalogue.areas.updated': 'Letzte Änderung',
  'adminCatalogue.areas.actions': 'Aktionen',
  'adminCatalogue.areas.municipalities': 'Gemeinden: sie benennen die Gemeinde der Beobachtungen',
  'adminCatalogue.areas.importTitle': 'Gebiete aus GeoJSON importieren',
  'adminCatalogue.areas.importIntro':
    'Eine FeatureCollection von Polygonen in Länge/Breite (WGS 84). Jedes Feature braucht unter seinen Eigenschaften einen Code und einen Namen. Gebiete werden an Art und Code erkannt: ein erneuter Import aktualisiert sie.',
  'adminCatalogue.areas.kindHint':
    'Kleinbuchstaben und Unterstriche: municipality, department, natural_park…',
  'adminCatalogue.areas.badKind': 'Die Art besteht nur aus Kleinbuchstaben und Unterstrichen.',
  'adminCatalogue.areas.file': 'GeoJSON-Datei',
  'adminCatalogue.areas.fileHint': 'Höchstens {max}.',
  'adminCatalogue.areas.needFile': 'Wählen Sie eine GeoJSON-Datei.',
  'adminCatalogue.areas.features': {
    one: 'Die Datei hat {count} Feature. Welche Eigenschaften enthalten seinen Code und seinen Namen?',
    other:
      'Die Datei hat {count} Features. Welche Eigenschaften enthalten ihren Code und ihren Namen?',
  },
  'adminCatalogue.areas.codeProperty': 'Eigenschaft mit dem Code',
  'adminCatalogue.areas.nameProperty': 'Eigenschaft mit dem Namen',
  'adminCatalogue.areas.chooseProperty': 'Wählen…',
  'adminCatalogue.areas.needCode': 'Wählen Sie die Eigenschaft mit dem Code.',
  'adminCatalogue.areas.needName': 'Wählen Sie die Eigenschaft mit dem Namen.',
  'adminCatalogue.areas.unread':
    'Die Datei konnte hier nicht gelesen werden; sie wird unverändert gesendet. Nennen Sie die Eigenschaften, wenn es nicht die üblichen sind (code, INSEE_COM… und name, NOM…).',
  'adminCatalogue.areas.allOrNothing':
    'Alles oder nichts: ein Feature ohne Code oder Namen, ein doppelter Code oder ein fehlerhaftes Polygon lässt die ganze Datei ablehnen.',
  'adminCatalogue.areas.import': 'Gebiete importieren',
  'adminCatalogue.areas.report': '{kind}: {inserted} hinzugefügt, {updated} aktualisiert.',
  'adminCatalogue.areas.reportProperties': 'Codes aus „{code}“, Namen aus „{name}“ gelesen.',
  'adminCatalogue.areas.deleteTitle': 'Die Gebiete der Art „{kind}“ löschen?',
  'adminCatalogue.areas.deleteConfirm': {
    one: 'Ihr {count} Gebiet wird gelöscht. Beobachtungen behalten die Gemeinde, die sie erhalten haben.',
    other:
      'Ihre {count} Gebiete werden gelöscht. Beobachtungen behalten die Gemeinde, die sie erhalten haben.',
  },
  'adminCatalogue.areas.deleted': {
    one: '{count} Gebiet der Art {kind} wurde gelöscht.',
    other: '{count} Gebiete der Art {kind} wurden gelöscht.',
  },

  'adminCatalogue.badges.title': 'Abzeichen',
  'adminCatalogue.badges.new': 'Neue Regel',
  'adminCatalogue.badges.on':
    'Abzeichen sind eingeschaltet. Die Beobachtungen und Besuche eines Programms zählen, sobald Abzeichen in seinen Einstellungen eingeschaltet sind.',
  'adminCatalogue.badges.off': 'Abzeichen sind auf dieser Instanz ausgeschaltet.',
  'adminCatalogue.badges.offHint':
    'Die Regeln können hier vorbereitet werden, aber niemand erhält Abzeichen, solange der Server nicht mit BADGES_ENABLED=true gestartet wird; bis dahin können sie auch nicht neu berechnet werden.',
  'adminCatalogue.badges.empty': 'Es gibt noch keine Abzeichenregel.',
  'adminCatalogue.badges.caption': 'Abzeichenregeln',
  'adminCatalogue.badges.picture': 'Bild',
  'adminCatalogue.badges.badge': 'Abzeichen',
  'adminCatalogue.badges.condition': 'Verliehen für',
  'adminCatalogue.badges.level': 'Stufe',
  'adminCatalogue.badges.levelHint':
    'Von 1 bis 100: die Abzeichen einer Art werden in dieser Reihenfolge gezeigt.',
  'adminCatalogue.badges.holders': 'Inhaber',
  'adminCatalogue.badges.active': 'Aktiv',
  'adminCatalogue.badges.activeOf': '{name} kann erworben werden',
  'adminCatalogue.badges.actions': 'Aktionen',
  'adminCatalogue.badges.when.total_observations': {
    one: '{count} Beobachtung',
    other: '{count} Beobachtungen',
  },
  'adminCatalogue.badges.when.program_observations': {
    one: '{count} Beobachtung in {program}',
    other: '{count} Beobachtungen in {program}',
  },
  'adminCatalogue.badges.when.seniority': {
    zero: 'Ein Konto haben',
    one: 'Ein Konto, {count} Tag alt',
    other: 'Ein Konto, {count} Tage alt',
  },
  'adminCatalogue.badges.when.taxon_species': {
    one: '{count} Art der {rank} {name}',
    other: '{count} Arten der {rank} {name}',
  },
  'adminCatalogue.badges.when.taxon_species_program': {
    one: '{count} Art der {rank} {name} in {program}',
    other: '{count} Arten der {rank} {name} in {program}',
  },
  'adminCatalogue.badges.when.site_visits': {
    one: '{count} Besuch von Standorten',
    other: '{count} Besuche von Standorten',
  },
  'adminCatalogue.badges.when.site_visits_program': {
    one: '{count} Besuch von Standorten in {program}',
    other: '{count} Besuche von Standorten in {program}',
  },
  'adminCatalogue.badges.rank.class': 'Klasse',
  'adminCatalogue.badges.rank.order': 'Ordnung',
  'adminCatalogue.badges.rank.family': 'Familie',
  'adminCatalogue.badges.newTitle': 'Neue Abzeichenregel',
  'adminCatalogue.badges.editTitle': '„{name}“ bearbeiten',
  'adminCatalogue.badges.kind': 'Art der Regel',
  'adminCatalogue.badges.kind.total_observations': 'Beobachtungen, alle Programme',
  'adminCatalogue.badges.kind.program_observations': 'Beobachtungen in einem Programm',
  'adminCatalogue.badges.kind.seniority': 'Mitgliedsdauer',
  'adminCatalogue.badges.kind.taxon_species': 'Taxonomische Anerkennung',
  'adminCatalogue.badges.kind.site_visits': 'Besuche von Standorten',
  'adminCatalogue.badges.kindHint.total_observations':
    'Verliehen ab einer Zahl von Beobachtungen, in allen Programmen, die für Abzeichen zählen.',
  'adminCatalogue.badges.kindHint.program_observations':
    'Verliehen ab einer Zahl von Beobachtungen im gewählten Programm.',
  'adminCatalogue.badges.kindHint.seniority':
    'Verliehen, wenn das Konto so viele Tage alt ist (0: sofort).',
  'adminCatalogue.badges.kindHint.taxon_species':
    'Verliehen ab einer Zahl verschiedener Arten einer Klasse, Ordnung oder Familie, z. B. 20 Arten der Aves.',
  'adminCatalogue.badges.kindHint.site_visits':
    'Verliehen ab einer Zahl von Besuchen von Standorten, in einem Programm oder in allen.',
  'adminCatalogue.badges.threshold': 'Schwelle',
  'adminCatalogue.badges.thresholdDays': 'Tage seit der Anlage des Kontos',
  'adminCatalogue.badges.program': 'Programm',
  'adminCatalogue.badges.chooseProgram': 'Ein Programm wählen…',
  'adminCatalogue.badges.anyProgram': 'Alle Programme',
  'adminCatalogue.badges.taxonRank': 'Rang',
  'adminCatalogue.badges.taxonName': 'Name der Gruppe',
  'adminCatalogue.badges.taxonNameHint':
    'So, wie die Taxonomie ihn schreibt, z. B. Aves, Lepidoptera, Turdidae: beim Tippen erscheinen Vorschläge.',
  'adminCatalogue.badges.groupSpecies': {
    zero: 'keine Art in der Taxonomie',
    one: '{count} Art in der Taxonomie',
    other: '{count} Arten in der Taxonomie',
  },
  'adminCatalogue.badges.name': 'Name des Abzeichens',
  'adminCatalogue.badges.nameHint':
    'In mindestens einer Sprache; alle sehen ihn in ihrer, wenn er dort angegeben ist.',
  'adminCatalogue.badges.description': 'Beschreibung (optional)',
  'adminCatalogue.badges.pictureFile': 'Ein Bild hochladen (JPEG, PNG, WebP oder AVIF)',
  'adminCatalogue.badges.pictureUrl': 'Oder die Adresse eines Bildes',
  'adminCatalogue.badges.pictureUrlHint':
    'http(s)://… oder ein Pfad dieser Website, der mit / beginnt.',
  'adminCatalogue.badges.removePicture': 'Bild entfernen',
  'adminCatalogue.badges.pictureRemoved': 'Das Bild wurde entfernt.',
  'adminCatalogue.badges.pictureFailed': 'Die Regel ist gespeichert, ihr Bild aber nicht: {reason}',
  'adminCatalogue.badges.activeLabel': 'Aktiv: das Abzeichen kann erworben werden',
  'adminCatalogue.badges.create': 'Regel anlegen',
  'adminCatalogue.badges.created': 'Das Abzeichen „{name}“ ist angelegt.',
  'adminCatalogue.badges.updated': 'Das Abzeichen „{name}“ ist gespeichert.',
  'adminCatalogue.badges.enabledRule': '„{name}“ kann wieder erworben werden.',
  'adminCatalogue.badges.disabledRule': '„{name}“ kann nicht mehr erworben werden.',
  'adminCatalogue.badges.deleted': 'Das Abzeichen „{name}“ wurde gelöscht.',
  'adminCatalogue.badges.deleteTitle': '„{name}“ löschen?',
  'adminCatalogue.badges.deleteConfirm': {
    zero: 'Noch niemand hat dieses Abzeichen.',
    one: '{count} Person hat dieses Abzeichen und verliert es.',
    other: '{count} Personen haben dieses Abzeichen und verlieren es.',
  },
  'adminCatalogue.badges.problem.threshold.integer':
    'Geben Sie für die Schwelle eine ganze Zahl an.',
  'adminCatalogue.badges.problem.threshold.min':
    'Die Schwelle ist mindestens 1 (0 nur bei der Mitgliedsdauer).',
  'adminCatalogue.badges.problem.level.integer': 'Geben Sie eine Stufe von 1 bis 100 an.',
  'adminCatalogue.badges.problem.programId.required': 'Wählen Sie das Programm.',
  'adminCatalogue.badges.problem.taxonName.required': 'Geben Sie den Namen der Gruppe an.',
  'adminCatalogue.badges.problem.name.required':
    'Geben Sie dem Abzeichen einen Namen in mindestens einer Sprache.',
  'adminCatalogue.badges.problem.pictureUrl.url':
    'Die Adresse des Bildes beginnt mit http://, https:// oder /.',
  'adminCatalogue.badges.recomputeTitle': 'Alle Abzeichen neu berechnen',
  'adminCatalogue.badges.recomputeHint':
    'Baut alle Verleihungen aus den Daten neu auf, wie der Befehl recompute-badges: nach einem Massenimport oder wenn Abzeichen falsch erscheinen.',
  'adminCatalogue.badges.recompute': 'Alles neu berechnen',
  'adminCatalogue.badges.recomputing': 'Wird neu berechnet…',
  'adminCatalogue.badges.awarded': 'Verliehen',
  'adminCatalogue.badges.withdrawn': 'Entzogen',
  'adminCatalogue.badges.held': 'Gehaltene Abzeichen',
  'adminCatalogue.badges.users': 'Personen mit mindestens einem',
  'adminCatalogue.badges.duration': 'Dauer',
  'adminCatalogue.badges.seconds': '{seconds} s',
};
