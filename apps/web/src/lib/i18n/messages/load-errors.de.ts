import type { LoadErrorKey } from './load-errors.en.js';

/** Die Fehler, die das Laden der Startseite oder einer Programmseite liefern kann (load-errors.en.ts). */
export const loadErrorsDe: Record<LoadErrorKey, string> = {
  'error.request.invalid': 'Das Feld {field} ist ungültig',
  'error.request.invalidJson': 'Der Inhalt der Anfrage ist kein gültiges JSON',
  'error.request.emptyBody': 'Der Inhalt der Anfrage ist leer',
  'error.request.bodyTooLarge': 'Die Anfrage ist zu groß',
  'error.request.unsupportedMediaType': 'Dieser Inhaltstyp wird nicht angenommen',
  'error.request.refused': 'Die Anfrage wurde abgelehnt: {detail}',
  'error.route.notFound': 'Keine Route {method} {path}',
  'error.server.internal': 'Bei uns ist ein Fehler aufgetreten',
  'error.page.notFound': 'Keine Seite „{slug}“',
  'error.program.notFound': 'Das Programm {id} existiert nicht',
  'error.program.notActive': 'Das Programm {id} existiert nicht oder ist nicht aktiv',
  'error.program.notSiteProgram': 'Das Programm {id} ist kein Standortprogramm',
  'error.filter.bboxFormat': 'bbox muss aus vier Zahlen bestehen: West,Süd,Ost,Nord',
  'error.filter.bboxRange':
    'bbox muss innerhalb der Längen -180..180 und der Breiten -90..90 liegen',
  'error.filter.bboxOrder': 'bbox muss West < Ost und Süd < Nord haben',
  'error.filter.fromAfterTo': 'Das Startdatum darf nicht nach dem Enddatum liegen',
  'error.filter.cursorInvalid':
    'Der Cursor ist ungültig: übernehmen Sie den nextCursor einer vorigen Seite unverändert',
  'error.filter.cursorOtherSort':
    'Der Cursor gehört zu einer anderen Sortierung: beginnen Sie ohne ihn von vorn',
  'error.filter.unknownTaxon': 'Das Taxon {cdNom} ist nicht in der Taxonomie',
  'error.filter.unknownArea': 'Das Gebiet {id} existiert nicht',
  'error.site.notFound': 'Der Standort {id} existiert nicht',
};
