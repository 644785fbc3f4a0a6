import type { Message } from '../translate.js';

/**
 * The programme page's texts beyond the shell's (shell.en.ts). Spread into en.ts; the catalogue
 * tests check that the programme page uses no key outside these two parts.
 */
export const programmeEn = {
  'programStats.link': 'Statistics of this programme',
  'common.loading': 'Loading…',
  'common.loadFailed': 'This could not be loaded. Please try again.',
  'program.add': 'Add an observation',
  'program.observations': 'Observations',
  'program.view': 'Show',
  'program.view.list': 'List',
  'program.view.map': 'Map',
  'program.view.photos': 'Photos',
  'program.mapLabel': 'Map of the {title} area and its observations',
  'program.matching': {
    zero: 'none matching',
    one: '{count}{more} matching',
    other: '{count}{more} matching',
  },
  'program.noMatch': 'No observation matches these filters.',
  'program.empty': 'No observation yet: be the first!',
  'program.about': 'About this programme',

  'list.more': 'Show more',
  'filters.label': 'Filter the observations',
  'filters.species': 'Species',
  'filters.allSpecies': 'All species',
  'filters.area': 'Area',
  'filters.allAreas': 'All areas',
  'filters.from': 'From',
  'filters.to': 'To',
  'filters.status': 'Validation',
  'filters.allStatuses': 'All statuses',
  'filters.apply': 'Apply',
  'filters.reset': 'Clear filters',

  'status.pending': 'Not yet checked',
  'status.certain': 'Validated',
  'status.probable': 'Probable',
  'status.doubtful': 'Doubtful',
  'status.invalid': 'Invalid',
  'status.not_assessable': 'Cannot be assessed',

  'embed.newTab': '(opens in a new tab)',
  'species.link': 'About this species',
  'validation.reason.misidentified': 'Misidentified',
  'validation.reason.insufficient_evidence': 'Not enough evidence',
  'validation.reason.implausible_place_or_date': 'Implausible place or date',
  'validation.reason.duplicate': 'Duplicate',
  'validation.reason.not_wild': 'Not a wild individual',
  'validation.reason.other': 'Another reason',

  'validation.list.comment': 'Validator: “{comment}”',
  'validation.list.question': 'A validator asks: “{comment}”',
  'counts.individuals': { one: '{count} individual', other: '{count} individuals' },

  'list.showOnMap': 'Show on the map',
  'list.hasPhoto': 'with a photo',

  'observation.anonymous': 'Anonymous',
  'exports.title': 'Download the data',

  'map.failed': 'The map cannot be shown in this browser. The list shows the observations.',
  'map.ctrl.attribution': 'Show the map credits',
  'map.ctrl.fullscreenEnter': 'Full screen',
  'map.ctrl.fullscreenExit': 'Leave full screen',
  'map.ctrl.locate': 'Show my location',
  'map.ctrl.locationUnavailable': 'Location not available',
  'map.ctrl.map': 'Map',
  'map.ctrl.marker': 'Marker',
  'map.ctrl.resetBearing': 'Reset north',
  'map.ctrl.zoomIn': 'Zoom in',
  'map.ctrl.zoomOut': 'Zoom out',
  'map.ctrl.closePopup': 'Close',
  'map.ctrl.gesturesWindows': 'Use Ctrl + scroll to zoom the map',
  'map.ctrl.gesturesMac': 'Use ⌘ + scroll to zoom the map',
  'map.ctrl.gesturesMobile': 'Use two fingers to move the map',

  'map.search': 'Search',
  'map.searchLabel': 'Search for a place',
  'map.searchPlaceholder': 'A town, a place…',
  'map.searchFailed': 'The place search failed.',
  'map.searchNothing': 'No place found.',
  'observation.by': 'Observed by {observer}',
  'map.baseLayers': 'Base map',
  'map.plain': 'Plain',
  'common.close': 'Close',

  'common.cancel': 'Cancel',
} satisfies Record<string, Message>;
