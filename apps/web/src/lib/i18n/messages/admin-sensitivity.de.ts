import type { adminSensitivityEn } from './admin-sensitivity.en.js';
import type { Section } from './en.js';

export const adminSensitivityDe: Section<typeof adminSensitivityEn> = {
  'admin.section.sensitivity': 'Sensible Arten',
  'adminSensitivity.title': 'Sensible Arten',
  'adminSensitivity.intro':
    'Die Öffentlichkeit sieht eine Beobachtung einer sensiblen Art in der Mitte einer Rasterzelle statt am Punkt; Beobachter, Validierende und Administratoren sehen weiter den Punkt. Eine Regel gilt für alle Namen des Taxons; gelten mehrere (überall, in einem Gebiet, die Untergrenze des Programms, die Wahl des Beobachters), gewinnt die strengste. Jede Änderung gilt sofort für Karten, Listen und Exporte.',
  'adminSensitivity.level.0': 'Nicht sensibel',
  'adminSensitivity.level.1': '1-km-Zelle',
  'adminSensitivity.level.2': '5-km-Zelle',
  'adminSensitivity.level.3': '10-km-Zelle',
  'adminSensitivity.importTitle': 'Eine Referenzdatei importieren',
  'adminSensitivity.file': 'CSV-Datei',
  'adminSensitivity.fileHint':
    'Spalten cd_nom, sensitivity (0 bis 3) und optional area_code (der Code eines importierten Gebiets oder art:code), mit Kopfzeile. Höchstens {max}.',
  'adminSensitivity.source': 'Quelle',
  'adminSensitivity.sourceHint':
    'Die Datei ersetzt die Regeln dieser Quelle (z. B. national oder die Liste einer Region): neue Zeilen werden hinzugefügt, geänderte aktualisiert und Regeln, die die Datei nicht mehr hat, entfernt. Andere Quellen und hier gesetzte Regeln bleiben.',
  'adminSensitivity.needFile': 'Wählen Sie die zu importierende CSV-Datei.',
  'adminSensitivity.badSource':
    'Benennen Sie die Quelle mit Kleinbuchstaben, Ziffern, Punkten, Binde- oder Unterstrichen.',
  'adminSensitivity.import': 'Importieren',
  'adminSensitivity.progress': '{name} wird importiert',
  'adminSensitivity.unknownTaxa': {
    one: '{count} Taxon der Datei ist noch nicht in der Taxonomie: seine Regel gilt, sobald es dort ist.',
    other:
      '{count} Taxa der Datei sind noch nicht in der Taxonomie: ihre Regeln gelten, sobald sie dort sind.',
  },
  'adminSensitivity.rulesTitle': 'Regeln',
  'adminSensitivity.search': 'Taxon',
  'adminSensitivity.searchHint':
    'Eine cd_nom (mit Synonymen) oder ein Teil eines wissenschaftlichen Namens.',
  'adminSensitivity.sourceFilter': 'Quelle',
  'adminSensitivity.allSources': 'Alle Quellen',
  'adminSensitivity.searchButton': 'Suchen',
  'adminSensitivity.count': { one: '{count} Regel', other: '{count} Regeln' },
  'adminSensitivity.none': 'Keine Regel.',
  'adminSensitivity.col.taxon': 'Taxon',
  'adminSensitivity.col.level': 'Stufe',
  'adminSensitivity.col.area': 'Gebiet',
  'adminSensitivity.col.source': 'Quelle',
  'adminSensitivity.everywhere': 'Überall',
  'adminSensitivity.notInTaxonomy': 'nicht in der Taxonomie',
  'adminSensitivity.edit': 'Stufe festlegen',
  'adminSensitivity.more': 'Weitere Regeln',
  'adminSensitivity.editTitle': 'Die Stufe eines Taxons festlegen',
  'adminSensitivity.editHint':
    'Eine Regel der Quelle „manual“, überall: Importe lassen sie unberührt. Sie kann nicht senken, was eine andere Regel verlangt.',
  'adminSensitivity.taxon': 'Taxon',
  'adminSensitivity.level': 'Stufe',
  'adminSensitivity.save': 'Speichern',
  'adminSensitivity.saved': '{name}: jetzt überall {level}.',
  'adminSensitivity.clear': 'Alle Regeln dieses Taxons entfernen',
  'adminSensitivity.cleared': 'Alle Regeln von {name} wurden entfernt.',
  'adminSensitivity.confirmClear':
    'Alle Regeln von {name} und seinen Synonymen aus allen Quellen entfernen? Ein neuer Import einer Quelle bringt ihre Regeln zurück.',
  'adminSensitivity.cliTitle': 'Auf dem Server',
  'adminSensitivity.cli':
    'Derselbe Import über die Kommandozeile (die README erklärt, wie man diese CSV aus der INPN-Referenzdatei erstellt):',
  'adminPrograms.field.minSensitivity':
    'Den Punkt jeder Beobachtung für die Öffentlichkeit verschleiern',
  'adminPrograms.field.minSensitivityHint':
    'Mindestens auf dieser Stufe, gleich welche Art; sensible Arten können stärker verschleiert sein.',
  'adminPeople.audit.event.sensitivity_imported': 'Hat Sensibilitätsregeln importiert',
  'adminPeople.audit.event.sensitivity_set': 'Hat die Sensibilität eines Taxons festgelegt',
  'adminPeople.audit.event.sensitivity_cleared':
    'Hat die Sensibilitätsregeln eines Taxons entfernt',
};
