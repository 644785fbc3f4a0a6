import type { adminSensitivityEn } from './admin-sensitivity.en.js';
import type { Section } from './en.js';

export const adminSensitivityFr: Section<typeof adminSensitivityEn> = {
  'admin.section.sensitivity': 'Espèces sensibles',
  'adminSensitivity.title': 'Espèces sensibles',
  'adminSensitivity.intro':
    'Le public voit une observation d’espèce sensible au centre d’une maille au lieu de son point ; observateurs, validateurs et administrateurs voient toujours le point. Une règle s’applique à tous les noms du taxon ; quand plusieurs s’appliquent (partout, dans une zone, le plancher du programme, le choix de l’observateur), la plus stricte l’emporte. Chaque changement s’applique aussitôt aux cartes, listes et exports.',
  'adminSensitivity.level.0': 'Non sensible',
  'adminSensitivity.level.1': 'Maille de 1 km',
  'adminSensitivity.level.2': 'Maille de 5 km',
  'adminSensitivity.level.3': 'Maille de 10 km',
  'adminSensitivity.importTitle': 'Importer un référentiel',
  'adminSensitivity.file': 'Fichier CSV',
  'adminSensitivity.fileHint':
    'Colonnes cd_nom, sensitivity (0 à 3) et, au choix, area_code (le code d’une zone importée, ou type:code), avec une ligne d’en-tête. Au plus {max}.',
  'adminSensitivity.source': 'Source',
  'adminSensitivity.sourceHint':
    'Le fichier remplace les règles de cette source (par ex. national, ou la liste d’une région) : les nouvelles lignes sont ajoutées, les modifiées mises à jour, et les règles absentes du fichier retirées. Les autres sources et les règles saisies ici restent.',
  'adminSensitivity.needFile': 'Choisissez le fichier CSV à importer.',
  'adminSensitivity.badSource':
    'Nommez la source avec des minuscules, chiffres, points, tirets ou soulignés.',
  'adminSensitivity.import': 'Importer',
  'adminSensitivity.progress': 'Import de {name}',
  'adminSensitivity.unknownTaxa': {
    one: '{count} taxon du fichier n’est pas encore dans la taxonomie : sa règle s’appliquera quand il y sera.',
    other:
      '{count} taxons du fichier ne sont pas encore dans la taxonomie : leurs règles s’appliqueront quand ils y seront.',
  },
  'adminSensitivity.rulesTitle': 'Règles',
  'adminSensitivity.search': 'Taxon',
  'adminSensitivity.searchHint':
    'Un cd_nom (avec ses synonymes) ou une partie d’un nom scientifique.',
  'adminSensitivity.sourceFilter': 'Source',
  'adminSensitivity.allSources': 'Toutes les sources',
  'adminSensitivity.searchButton': 'Rechercher',
  'adminSensitivity.count': { one: '{count} règle', other: '{count} règles' },
  'adminSensitivity.none': 'Aucune règle.',
  'adminSensitivity.col.taxon': 'Taxon',
  'adminSensitivity.col.level': 'Niveau',
  'adminSensitivity.col.area': 'Zone',
  'adminSensitivity.col.source': 'Source',
  'adminSensitivity.everywhere': 'Partout',
  'adminSensitivity.notInTaxonomy': 'absent de la taxonomie',
  'adminSensitivity.edit': 'Fixer le niveau',
  'adminSensitivity.more': 'Règles suivantes',
  'adminSensitivity.editTitle': 'Fixer le niveau d’un taxon',
  'adminSensitivity.editHint':
    'Une règle de la source « manual », partout : les imports ne la touchent pas. Elle ne peut pas abaisser ce qu’une autre règle demande.',
  'adminSensitivity.taxon': 'Taxon',
  'adminSensitivity.level': 'Niveau',
  'adminSensitivity.save': 'Enregistrer',
  'adminSensitivity.saved': '{name} : désormais {level} partout.',
  'adminSensitivity.clear': 'Retirer toutes les règles de ce taxon',
  'adminSensitivity.cleared': 'Toutes les règles de {name} ont été retirées.',
  'adminSensitivity.confirmClear':
    'Retirer toutes les règles de {name} et de ses synonymes, de toutes les sources ? Un nouvel import d’une source ramène ses règles.',
  'adminSensitivity.cliTitle': 'Sur le serveur',
  'adminSensitivity.cli':
    'Le même import en ligne de commande (le README explique comment tirer ce CSV du référentiel de l’INPN) :',
  'adminPrograms.field.minSensitivity':
    'Flouter le point de toutes les observations pour le public',
  'adminPrograms.field.minSensitivityHint':
    'Au moins à ce niveau, quelle que soit l’espèce ; les espèces sensibles peuvent l’être davantage.',
  'adminPeople.audit.event.sensitivity_imported': 'A importé des règles de sensibilité',
  'adminPeople.audit.event.sensitivity_set': 'A fixé la sensibilité d’un taxon',
  'adminPeople.audit.event.sensitivity_cleared': 'A retiré les règles de sensibilité d’un taxon',
};
