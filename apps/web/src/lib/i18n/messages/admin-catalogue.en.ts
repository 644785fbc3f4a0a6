import type { Message } from '../translate.js';

/** The admin catalogue texts in English (spread into admin.en.ts). */
export const adminCatalogueEn = {
  // Uploads and import reports, shared by the catalogue pages
  'adminCatalogue.upload.label': 'Sending the file',
  'adminCatalogue.upload.sending': 'Sending…',
  'adminCatalogue.upload.sent': '{percent} % sent ({loaded} of {total})',
  'adminCatalogue.upload.processing': 'The file is sent; the server is checking and importing it…',
  'adminCatalogue.upload.cancel': 'Cancel the upload',
  'adminCatalogue.upload.cancelled': 'The upload was cancelled: nothing was imported.',
  'adminCatalogue.upload.tooLarge': 'The file is larger than {max}.',
  'adminCatalogue.upload.refusedTooLarge':
    'The server refused the file as too large. Import it on the server with the command line instead.',
  'adminCatalogue.report.done': 'Import done',
  'adminCatalogue.report.rejected': 'The file was refused',
  'adminCatalogue.report.nothingChanged': {
    one: 'It has {count} bad line; nothing was imported. Correct it and send the file again.',
    other: 'It has {count} bad lines; nothing was imported. Correct them and send the file again.',
  },
  'adminCatalogue.report.errorsCaption': 'The bad lines of the file',
  'adminCatalogue.report.file': 'File',
  'adminCatalogue.report.line': 'Line',
  'adminCatalogue.report.problem': 'Problem',
  'adminCatalogue.report.wholeFile': 'whole file',
  'adminCatalogue.report.more': {
    one: 'And {count} more bad line.',
    other: 'And {count} more bad lines.',
  },
  'adminCatalogue.report.inserted': 'Added',
  'adminCatalogue.report.updated': 'Updated',
  'adminCatalogue.report.unchanged': 'Unchanged',
  'adminCatalogue.report.removed': 'Removed from the list',

  // Species lists
  'adminCatalogue.lists.title': 'Species lists',
  'adminCatalogue.lists.intro':
    'A programme draws its species from a list; a programme without a list accepts the whole taxonomy. Each taxon of a list may have a picture, shown in the species picker.',
  'adminCatalogue.lists.empty': 'There is no species list yet.',
  'adminCatalogue.lists.caption': 'Species lists',
  'adminCatalogue.lists.name': 'Name',
  'adminCatalogue.lists.description': 'Description',
  'adminCatalogue.lists.taxa': 'Taxa',
  'adminCatalogue.lists.programmes': 'Programmes',
  'adminCatalogue.lists.updated': 'Last change',
  'adminCatalogue.lists.new': 'New list',
  'adminCatalogue.lists.create': 'Create the list',
  'adminCatalogue.lists.needName': 'Give the list a name.',
  'adminCatalogue.lists.needFile': 'Choose a CSV file.',
  'adminCatalogue.lists.importTitle': 'Import a list from a CSV file',
  'adminCatalogue.lists.importIntro':
    'A new name creates a list; the name of an existing list replaces its taxa with those of the file.',
  'adminCatalogue.lists.importCreates': 'A new list will be created.',
  'adminCatalogue.lists.importReplaces': {
    one: 'This list exists: its {count} taxon will be replaced by those of the file.',
    other: 'This list exists: its {count} taxa will be replaced by those of the file.',
  },
  'adminCatalogue.lists.formatTitle': 'The CSV format expected',
  'adminCatalogue.lists.formatHeader':
    'UTF-8 text, comma, semicolon or tab separated, with a header line naming the columns.',
  'adminCatalogue.lists.formatTaxon':
    'cd_nom (the TAXREF id) or scientific_name on each line: one of them is enough.',
  'adminCatalogue.lists.formatPicture':
    'picture_url (optional): an http(s) address of the taxon’s picture.',
  'adminCatalogue.lists.formatPosition':
    'position (optional): the order in the list; otherwise the order of the lines.',
  'adminCatalogue.lists.formatAllOrNothing':
    'All or nothing: a single bad line refuses the whole file, and the lines at fault are listed by number (the header is line 1).',
  'adminCatalogue.lists.formatExample': 'For example:',
  'adminCatalogue.lists.csvFile': 'CSV file',
  'adminCatalogue.lists.csvHint': 'At most {max}.',
  'adminCatalogue.lists.import': 'Import the file',
  'adminCatalogue.lists.open': 'Open the list “{name}”',

  // One species list
  'adminCatalogue.list.back': '← All species lists',
  'adminCatalogue.list.summary': {
    zero: 'No taxon yet.',
    one: '{count} taxon.',
    other: '{count} taxa.',
  },
  'adminCatalogue.list.usedBy': {
    one: 'Used by {count} programme.',
    other: 'Used by {count} programmes.',
  },
  'adminCatalogue.list.addTitle': 'Add a taxon',
  'adminCatalogue.list.search': 'Search the taxonomy',
  'adminCatalogue.list.add': 'Add to the list',
  'adminCatalogue.list.chooseFirst': 'Choose a taxon among the suggestions first.',
  'adminCatalogue.list.already': '{name} is already in the list.',
  'adminCatalogue.list.added': '{name} was added to the list.',
  'adminCatalogue.list.removed': '{name} was taken out of the list.',
  'adminCatalogue.list.moved': '{name} was moved.',
  'adminCatalogue.list.taxaTitle': 'Taxa of the list',
  'adminCatalogue.list.empty': 'The list has no taxon yet: add some by searching the taxonomy.',
  'adminCatalogue.list.pictureHint':
    'Pictures: JPEG, PNG, WebP or AVIF. The server checks that the file is an image.',
  'adminCatalogue.list.picture': 'Picture',
  'adminCatalogue.list.taxon': 'Taxon',
  'adminCatalogue.list.pictureActions': 'Picture',
  'adminCatalogue.list.listActions': 'In the list',
  'adminCatalogue.list.pictureOf': 'Picture of {name}',
  'adminCatalogue.list.uploadPicture': 'Upload a picture',
  'adminCatalogue.list.replacePicture': 'Replace the picture',
  'adminCatalogue.list.uploadPictureOf': 'Upload a picture of {name}',
  'adminCatalogue.list.removePicture': 'Remove the picture',
  'adminCatalogue.list.pictureSaved': 'The picture of {name} is saved.',
  'adminCatalogue.list.pictureRemoved': 'The picture of {name} was removed.',
  'adminCatalogue.list.moveUp': 'Move {name} up',
  'adminCatalogue.list.moveDown': 'Move {name} down',
  'adminCatalogue.list.remove': 'Take out',
  'adminCatalogue.list.detailsTitle': 'Name and description',
  'adminCatalogue.list.deleteTitle': 'Delete the list',
  'adminCatalogue.list.deleteHint': 'No programme uses this list: it can be deleted.',
  'adminCatalogue.list.deleteUsed': {
    one: 'A programme uses this list: give it another list (or none) in its settings before deleting this one.',
    other:
      '{count} programmes use this list: give them another list (or none) in their settings before deleting this one.',
  },
  'adminCatalogue.list.delete': 'Delete the list',
  'adminCatalogue.list.deleteConfirmTitle': 'Delete “{name}”?',
  'adminCatalogue.list.deleteConfirm': {
    zero: 'The list will be deleted. The taxonomy itself does not change.',
    one: 'The list and its taxon’s picture will be deleted. The taxonomy itself does not change.',
    other:
      'The list, its {count} taxa and their pictures will be deleted. The taxonomy itself does not change.',
  },

  // Taxonomy import
  'adminCatalogue.taxonomy.title': 'Taxonomy',
  'adminCatalogue.taxonomy.intro':
    'Citizen keeps its own copy of the taxonomy, which species searches and species lists use. Import TAXREF, the French national reference, or any Darwin Core checklist whose taxon ids are whole numbers. Taxa already there are updated, others added; none is deleted.',
  'adminCatalogue.taxonomy.importTitle': 'Import a file',
  'adminCatalogue.taxonomy.source': 'What the file is',
  'adminCatalogue.taxonomy.source.taxref': 'TAXREF',
  'adminCatalogue.taxonomy.source.dwc-archive': 'Darwin Core archive',
  'adminCatalogue.taxonomy.source.dwc-files': 'Darwin Core checklist files (CSV or TSV)',
  'adminCatalogue.taxonomy.sourceHint.taxref':
    'TAXREFv18.txt as published (tab-separated), or the zip it comes in.',
  'adminCatalogue.taxonomy.sourceHint.dwc-archive':
    'A zip with meta.xml, the taxon file and optionally the vernacular names (e.g. a GBIF checklist export).',
  'adminCatalogue.taxonomy.sourceHint.dwc-files':
    'The taxon file (Taxon.tsv, taxon.csv…) and optionally the vernacular names file.',
  'adminCatalogue.taxonomy.taxrefFile': 'TAXREF file',
  'adminCatalogue.taxonomy.archive': 'Darwin Core archive (zip)',
  'adminCatalogue.taxonomy.taxonFile': 'Taxon file',
  'adminCatalogue.taxonomy.vernacularFile': 'Vernacular names file',
  'adminCatalogue.taxonomy.sizeHint':
    'At most {max}. A proxy in front of the site may refuse large files sooner: import those on the server with the command line (below).',
  'adminCatalogue.taxonomy.csvTitle': 'The columns expected',
  'adminCatalogue.taxonomy.csvTaxon':
    'Taxon file: a header line with taxonID (a whole number), scientificName and taxonRank.',
  'adminCatalogue.taxonomy.csvOptional':
    'Optional: scientificNameAuthorship, kingdom, phylum, class, order, family, acceptedNameUsageID (for synonyms), taxonomicStatus.',
  'adminCatalogue.taxonomy.csvVernacular':
    'Vernacular names file: taxonID, vernacularName, language (fr, en, de…), optionally isPreferredName.',
  'adminCatalogue.taxonomy.version': 'TAXREF version',
  'adminCatalogue.taxonomy.versionHint':
    'For example 18.0. Left empty, it is read from the file name (TAXREFv18.txt).',
  'adminCatalogue.taxonomy.languages': 'Languages of the vernacular names kept',
  'adminCatalogue.taxonomy.languagesHint': 'Two-letter codes separated by commas, e.g. fr,en,de.',
  'adminCatalogue.taxonomy.badLanguages': 'Give two-letter language codes separated by commas.',
  'adminCatalogue.taxonomy.needFile': 'Choose the file to import.',
  'adminCatalogue.taxonomy.allOrNothing':
    'All or nothing: if a single line is wrong, nothing is imported and the report lists the lines at fault.',
  'adminCatalogue.taxonomy.import': 'Import',
  'adminCatalogue.taxonomy.progress': 'Sending {name}',
  'adminCatalogue.taxonomy.cliTitle': 'Very large files',
  'adminCatalogue.taxonomy.cli':
    'A whole TAXREF is about 250 MB. It is faster, and no proxy limits it, to import it on the server:',

  // Areas
  'adminCatalogue.areas.title': 'Areas',
  'adminCatalogue.areas.intro':
    'Municipalities and other areas (departments, parks…), imported from GeoJSON. Observations take their municipality from the areas of kind “municipality”, and the public can filter observations by area.',
  'adminCatalogue.areas.empty': 'No area has been imported yet.',
  'adminCatalogue.areas.caption': 'Areas by kind',
  'adminCatalogue.areas.kind': 'Kind',
  'adminCatalogue.areas.count': 'Areas',
  'adminCatalogue.areas.updated': 'Last change',
  'adminCatalogue.areas.actions': 'Actions',
  'adminCatalogue.areas.municipalities':
    'Municipalities: they name the municipality of observations',
  'adminCatalogue.areas.importTitle': 'Import areas from GeoJSON',
  'adminCatalogue.areas.importIntro':
    'A FeatureCollection of polygons in longitude/latitude (WGS 84). Each feature needs a code and a name among its properties. Areas are matched on their kind and code: importing again updates them.',
  'adminCatalogue.areas.kindHint':
    'Lower-case letters and underscores: municipality, department, natural_park…',
  'adminCatalogue.areas.badKind': 'The kind takes lower-case letters and underscores only.',
  'adminCatalogue.areas.file': 'GeoJSON file',
  'adminCatalogue.areas.fileHint': 'At most {max}.',
  'adminCatalogue.areas.needFile': 'Choose a GeoJSON file.',
  'adminCatalogue.areas.features': {
    one: 'The file has {count} feature. Which properties hold its code and its name?',
    other: 'The file has {count} features. Which properties hold their code and their name?',
  },
  'adminCatalogue.areas.codeProperty': 'Property holding the code',
  'adminCatalogue.areas.nameProperty': 'Property holding the name',
  'adminCatalogue.areas.chooseProperty': 'Choose…',
  'adminCatalogue.areas.needCode': 'Choose the property that holds the code.',
  'adminCatalogue.areas.needName': 'Choose the property that holds the name.',
  'adminCatalogue.areas.unread':
    'The file could not be read here; it will be sent as it is. Name the properties if they are not the usual ones (code, INSEE_COM… and name, NOM…).',
  'adminCatalogue.areas.allOrNothing':
    'All or nothing: a feature without a code or a name, a code given twice or a bad polygon refuses the whole file.',
  'adminCatalogue.areas.import': 'Import the areas',
  'adminCatalogue.areas.report': '{kind}: {inserted} added, {updated} updated.',
  'adminCatalogue.areas.reportProperties': 'Codes read from “{code}”, names from “{name}”.',
  'adminCatalogue.areas.deleteTitle': 'Delete the areas of kind “{kind}”?',
  'adminCatalogue.areas.deleteConfirm': {
    one: 'Its {count} area will be deleted. Observations keep the municipality they were given.',
    other: 'Its {count} areas will be deleted. Observations keep the municipality they were given.',
  },
  'adminCatalogue.areas.deleted': {
    one: '{count} area of kind {kind} was deleted.',
    other: '{count} areas of kind {kind} were deleted.',
  },

  // Badges
  'adminCatalogue.badges.title': 'Badges',
  'adminCatalogue.badges.new': 'New rule',
  'adminCatalogue.badges.on':
    'Badges are on. A programme’s observations and visits count once badges are switched on in its settings.',
  'adminCatalogue.badges.off': 'Badges are off on this instance.',
  'adminCatalogue.badges.offHint':
    'The rules can be prepared here, but nobody earns badges until the server is started with BADGES_ENABLED=true; until then they cannot be recomputed either.',
  'adminCatalogue.badges.empty': 'There is no badge rule yet.',
  'adminCatalogue.badges.caption': 'Badge rules',
  'adminCatalogue.badges.picture': 'Picture',
  'adminCatalogue.badges.badge': 'Badge',
  'adminCatalogue.badges.condition': 'Earned for',
  'adminCatalogue.badges.level': 'Level',
  'adminCatalogue.badges.levelHint': 'From 1 to 100: the badges of a kind are shown in this order.',
  'adminCatalogue.badges.holders': 'Holders',
  'adminCatalogue.badges.active': 'Active',
  'adminCatalogue.badges.activeOf': '{name} can be earned',
  'adminCatalogue.badges.actions': 'Actions',
  'adminCatalogue.badges.when.total_observations': {
    one: '{count} observation',
    other: '{count} observations',
  },
  'adminCatalogue.badges.when.program_observations': {
    one: '{count} observation in {program}',
    other: '{count} observations in {program}',
  },
  'adminCatalogue.badges.when.seniority': {
    zero: 'Having an account',
    one: 'An account {count} day old',
    other: 'An account {count} days old',
  },
  'adminCatalogue.badges.when.taxon_species': {
    one: '{count} species of the {rank} {name}',
    other: '{count} species of the {rank} {name}',
  },
  'adminCatalogue.badges.when.taxon_species_program': {
    one: '{count} species of the {rank} {name} in {program}',
    other: '{count} species of the {rank} {name} in {program}',
  },
  'adminCatalogue.badges.when.site_visits': {
    one: '{count} site visit',
    other: '{count} site visits',
  },
  'adminCatalogue.badges.when.site_visits_program': {
    one: '{count} site visit in {program}',
    other: '{count} site visits in {program}',
  },
  'adminCatalogue.badges.rank.class': 'class',
  'adminCatalogue.badges.rank.order': 'order',
  'adminCatalogue.badges.rank.family': 'family',
  'adminCatalogue.badges.newTitle': 'New badge rule',
  'adminCatalogue.badges.editTitle': 'Edit “{name}”',
  'adminCatalogue.badges.kind': 'Kind of rule',
  'adminCatalogue.badges.kind.total_observations': 'Observations, all programmes',
  'adminCatalogue.badges.kind.program_observations': 'Observations in one programme',
  'adminCatalogue.badges.kind.seniority': 'Seniority',
  'adminCatalogue.badges.kind.taxon_species': 'Taxonomic recognition',
  'adminCatalogue.badges.kind.site_visits': 'Site visits',
  'adminCatalogue.badges.kindHint.total_observations':
    'Earned at a number of observations, in every programme that counts towards badges.',
  'adminCatalogue.badges.kindHint.program_observations':
    'Earned at a number of observations in the programme chosen.',
  'adminCatalogue.badges.kindHint.seniority':
    'Earned when the account is that many days old (0: at once).',
  'adminCatalogue.badges.kindHint.taxon_species':
    'Earned at a number of distinct species of a class, order or family, e.g. 20 species of Aves.',
  'adminCatalogue.badges.kindHint.site_visits':
    'Earned at a number of visits to sites, in one programme or in all.',
  'adminCatalogue.badges.threshold': 'Threshold',
  'adminCatalogue.badges.thresholdDays': 'Days since the account was created',
  'adminCatalogue.badges.program': 'Programme',
  'adminCatalogue.badges.chooseProgram': 'Choose a programme…',
  'adminCatalogue.badges.anyProgram': 'Every programme',
  'adminCatalogue.badges.taxonRank': 'Rank',
  'adminCatalogue.badges.taxonName': 'Name of the group',
  'adminCatalogue.badges.taxonNameHint':
    'As the taxonomy spells it, e.g. Aves, Lepidoptera, Turdidae: suggestions appear as you type.',
  'adminCatalogue.badges.groupSpecies': {
    zero: 'no species in the taxonomy',
    one: '{count} species in the taxonomy',
    other: '{count} species in the taxonomy',
  },
  'adminCatalogue.badges.name': 'Name of the badge',
  'adminCatalogue.badges.nameHint':
    'In at least one language; visitors see it in theirs when it is given.',
  'adminCatalogue.badges.description': 'Description (optional)',
  'adminCatalogue.badges.pictureFile': 'Upload a picture (JPEG, PNG, WebP or AVIF)',
  'adminCatalogue.badges.pictureUrl': 'Or the address of a picture',
  'adminCatalogue.badges.pictureUrlHint': 'http(s)://… or a path on this site starting with /.',
  'adminCatalogue.badges.removePicture': 'Remove the picture',
  'adminCatalogue.badges.pictureRemoved': 'The picture was removed.',
  'adminCatalogue.badges.pictureFailed': 'The rule is saved, but not its picture: {reason}',
  'adminCatalogue.badges.activeLabel': 'Active: the badge can be earned',
  'adminCatalogue.badges.create': 'Create the rule',
  'adminCatalogue.badges.created': 'The badge “{name}” is created.',
  'adminCatalogue.badges.updated': 'The badge “{name}” is saved.',
  'adminCatalogue.badges.enabledRule': '“{name}” can be earned again.',
  'adminCatalogue.badges.disabledRule': '“{name}” can no longer be earned.',
  'adminCatalogue.badges.deleted': 'The badge “{name}” was deleted.',
  'adminCatalogue.badges.deleteTitle': 'Delete “{name}”?',
  'adminCatalogue.badges.deleteConfirm': {
    zero: 'Nobody holds this badge yet.',
    one: '{count} person holds this badge and will lose it.',
    other: '{count} people hold this badge and will lose it.',
  },
  'adminCatalogue.badges.problem.threshold.integer': 'Enter a whole number for the threshold.',
  'adminCatalogue.badges.problem.threshold.min':
    'The threshold is at least 1 (0 is only for seniority).',
  'adminCatalogue.badges.problem.level.integer': 'Enter a level from 1 to 100.',
  'adminCatalogue.badges.problem.programId.required': 'Choose the programme.',
  'adminCatalogue.badges.problem.taxonName.required': 'Give the name of the group.',
  'adminCatalogue.badges.problem.name.required': 'Give the badge a name in at least one language.',
  'adminCatalogue.badges.problem.pictureUrl.url':
    'The picture’s address starts with http://, https:// or /.',
  'adminCatalogue.badges.recomputeTitle': 'Recompute every badge',
  'adminCatalogue.badges.recomputeHint':
    'Rebuilds every award from the data, as the recompute-badges command does: after a bulk import, or if badges seem wrong.',
  'adminCatalogue.badges.recompute': 'Recompute all',
  'adminCatalogue.badges.recomputing': 'Recomputing…',
  'adminCatalogue.badges.awarded': 'Awarded',
  'adminCatalogue.badges.withdrawn': 'Withdrawn',
  'adminCatalogue.badges.held': 'Badges held',
  'adminCatalogue.badges.users': 'People holding one',
  'adminCatalogue.badges.duration': 'Time taken',
  'adminCatalogue.badges.seconds': '{seconds} s',
} satisfies Record<string, Message>;
