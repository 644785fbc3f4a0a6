/** Species pages, data downloads, the embed's add link and "species not in the list". */
export const speciesEn = {
  // A species' page
  'species.family': 'Family: {family}',
  'species.otherNames': 'Also called: {names}',
  'species.sensitive':
    'A sensitive species: its public observations are shown on a grid of {km} km squares.',
  'species.summary': {
    zero: 'No public observation of this species yet.',
    one: '{count} observation, on {first}.',
    other: '{count} observations, from {first} to {last}.',
  },
  'species.photos': 'Photos',
  'species.noPhotos': 'No photo of this species yet.',
  'species.photoAlt': '{name}, observed on {date}',
  'species.map': 'Where it was seen',
  'species.mapLabel': 'Map of the observations of {name}',
  'species.mapTruncated': 'The map shows the newest {count} observations.',
  'species.months': 'Observations by month',
  'species.month': 'Month',
  'species.observations': 'Observations',
  'species.programs': 'Programmes where it is seen',
  'species.programCount': {
    zero: 'no observation',
    one: '{count} observation',
    other: '{count} observations',
  },
  // Downloads of a programme's data
  'exports.adminTitle': 'Exports',
  'exports.photos': 'Photos',
  'exports.anyPhotos': 'With or without',
  'exports.withPhotos': 'With photos',
  'exports.withoutPhotos': 'Without photos',
  // Species not in the list
  'offList.open': 'Species not in the list?',
  'offList.close': 'Back to the programme’s species',
  'offList.search': 'Search all species',
  'offList.hint': 'Any species may be recorded; a validator will check it.',
  'offList.flag': 'Not on the programme’s species list',
  'offList.allow': 'Accept species not in the list',
  'offList.allowHint':
    'Observers may also search the whole taxonomy; their observations are flagged for the validators.',
};
