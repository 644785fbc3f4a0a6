import type { Message } from '../translate.js';

/** The texts of sensitive species in English (spread into admin.en.ts): back office and programme editor. */
export const adminSensitivityEn = {
  'admin.section.sensitivity': 'Sensitive species',
  'adminSensitivity.title': 'Sensitive species',
  'adminSensitivity.intro':
    'The public sees an observation of a sensitive species at the centre of a grid cell instead of its point; observers, validators and administrators still see the point. A rule applies to every name of the taxon; where several apply (everywhere, inside an area, the programme’s floor, the observer’s choice), the strictest wins. Every change applies at once to the maps, lists and exports.',
  'adminSensitivity.level.0': 'Not sensitive',
  'adminSensitivity.level.1': '1 km cell',
  'adminSensitivity.level.2': '5 km cell',
  'adminSensitivity.level.3': '10 km cell',
  'adminSensitivity.importTitle': 'Import a reference file',
  'adminSensitivity.file': 'CSV file',
  'adminSensitivity.fileHint':
    'Columns cd_nom, sensitivity (0 to 3) and optionally area_code (the code of an imported area, or kind:code), with a header line. At most {max}.',
  'adminSensitivity.source': 'Source',
  'adminSensitivity.sourceHint':
    'The file replaces the rules of this source (e.g. national, or a region’s list): new lines are added, changed ones updated, and rules the file no longer has are removed. Other sources and the rules set here stay.',
  'adminSensitivity.needFile': 'Choose the CSV file to import.',
  'adminSensitivity.badSource':
    'Name the source with lower-case letters, digits, dots, hyphens or underscores.',
  'adminSensitivity.import': 'Import',
  'adminSensitivity.progress': 'Importing {name}',
  'adminSensitivity.unknownTaxa': {
    one: '{count} taxon of the file is not in the taxonomy yet: its rule applies once it is.',
    other: '{count} taxa of the file are not in the taxonomy yet: their rules apply once they are.',
  },
  'adminSensitivity.rulesTitle': 'Rules',
  'adminSensitivity.search': 'Taxon',
  'adminSensitivity.searchHint': 'A cd_nom (with its synonyms) or part of a scientific name.',
  'adminSensitivity.sourceFilter': 'Source',
  'adminSensitivity.allSources': 'Every source',
  'adminSensitivity.searchButton': 'Search',
  'adminSensitivity.count': { one: '{count} rule', other: '{count} rules' },
  'adminSensitivity.none': 'No rule.',
  'adminSensitivity.col.taxon': 'Taxon',
  'adminSensitivity.col.level': 'Level',
  'adminSensitivity.col.area': 'Area',
  'adminSensitivity.col.source': 'Source',
  'adminSensitivity.everywhere': 'Everywhere',
  'adminSensitivity.notInTaxonomy': 'not in the taxonomy',
  'adminSensitivity.edit': 'Set the level',
  'adminSensitivity.more': 'Next rules',
  'adminSensitivity.editTitle': 'Set a taxon’s level',
  'adminSensitivity.editHint':
    'A rule of the source “manual”, everywhere: imports leave it alone. It cannot lower what another rule asks.',
  'adminSensitivity.taxon': 'Taxon',
  'adminSensitivity.level': 'Level',
  'adminSensitivity.save': 'Save',
  'adminSensitivity.saved': '{name}: now {level} everywhere.',
  'adminSensitivity.clear': 'Remove every rule of this taxon',
  'adminSensitivity.cleared': 'Every rule of {name} was removed.',
  'adminSensitivity.confirmClear':
    'Remove every rule of {name} and its synonyms, from every source? A new import of a source brings its rules back.',
  'adminSensitivity.cliTitle': 'On the server',
  'adminSensitivity.cli':
    'The same import from the command line (the README says how to turn the INPN reference file into this CSV):',
  // Programme editor
  'adminPrograms.field.minSensitivity': 'Blur every observation’s point for the public',
  'adminPrograms.field.minSensitivityHint':
    'At least at this level, whatever the species; sensitive species may be blurred more.',
  // Audit log
  'adminPeople.audit.event.sensitivity_imported': 'Imported sensitivity rules',
  'adminPeople.audit.event.sensitivity_set': 'Set a taxon’s sensitivity',
  'adminPeople.audit.event.sensitivity_cleared': 'Removed a taxon’s sensitivity rules',
} satisfies Record<string, Message>;
