import type { Message } from '../translate.js';

/** The sites texts in English (spread into en.ts): site protocols, visits, badges pages. */
export const sitesEn = {
  // Site form
  'sites.addTitle': 'Add a site: {title}',
  'sites.editTitle': 'Change the site {name}',
  'sites.noTypes': 'This programme offers no type of site yet. Please come back soon.',
  'sites.whatSite': 'What is the site?',
  'sites.type': 'Type of site',
  'sites.typeLocked': 'The type cannot change: the site has visits.',
  'sites.name': 'Name of the site',
  'sites.nameHint': 'A name others will recognise, e.g. “Pond by the old mill”.',
  'sites.place': 'Where is it?',
  'sites.aboutSite': 'About the site',
  'sites.needType': 'Choose the type of site.',
  'sites.needName': 'Give the site a name.',
  'sites.needPlace': 'Place the site on the map, or enter its coordinates.',
  'sites.create': 'Create the site',
  'sites.steps': 'Steps of the form',
  'sites.stepOf': 'Step {n} of {total}',
  'sites.stepProblems': { one: '{count} problem', other: '{count} problems' },
  'sites.stepEmpty': 'Nothing to answer in this step.',
  'sites.next': 'Next',
  'sites.back': 'Back',

  // Site page
  'sites.summary': '{name}, a site ({type}) of the programme {program}.',
  'sites.facts': 'The site',
  'sites.createdBy': 'Created by',
  'sites.siteMapLabel': 'Map of where {name} is',
  'sites.edit': 'Change the site',
  'sites.delete': 'Delete the site',
  'sites.deleteTitle': 'Delete the site?',
  'sites.deleteConfirm':
    'The site {name}, its visits, the species recorded during them and every photo will be deleted for good.',

  // Visits
  'visits.title': 'Visits',
  'visits.order': 'From the first to the latest.',
  'visits.none': 'Nobody has visited this site yet.',
  'visits.by': 'Visited by {observer}',
  'visits.noSpecies': 'No species recorded during this visit.',
  'visits.add': 'Add a visit',
  'visits.creatorOnly': 'In this programme, only the site’s creator adds its visits.',
  'visits.loginToAdd': 'Log in to add a visit',
  'visits.addTitle': 'Visit of {name}',
  'visits.editTitle': 'Change the visit of {date}',
  'visits.legend': 'The visit',
  'visits.legendMore': 'Photos and comment',
  'visits.protocol': 'What you noted',
  'visits.needDate': 'Enter the date of the visit.',
  'visits.species': 'Species seen',
  'visits.speciesHint':
    'Add each species seen during the visit: each becomes an observation, at the site, on the day of the visit.',
  'visits.speciesToRecord': 'Species to record',
  'visits.addSpecies': 'Add this species',
  'visits.speciesAdded': '{name} added to the list.',
  'visits.speciesRemoved': '{name} removed from the list.',
  'visits.speciesTwice': '{name} is in the list already.',
  'visits.speciesSaved': 'Recorded',
  'visits.countOf': 'Number of {name}',
  'visits.removeSpecies': 'Remove {name} from the visit',
  'visits.commentLabel': 'Anything worth knowing about this visit',
  'visits.submit': 'Record the visit',
  'visits.retry': 'Send the missing species again',
  'visits.savedSoFar':
    'The visit is recorded. The species below marked in red were not: correct them, or remove them, and send again.',
  'visits.leaveWithout': 'Go to the site without them',
  'visits.partial': {
    one: 'The visit is recorded, but one species could not be.',
    other: 'The visit is recorded, but {count} species could not be.',
  },
  'visits.delete': 'Delete the visit',
  'visits.deleteTitle': 'Delete the visit?',
  'visits.deleteConfirm':
    'The visit of {date}, the species recorded during it and its photos will be deleted for good.',
  'visits.deleted': 'The visit of {date} is deleted.',

  // Dashboard
  'dashboard.sites': 'My sites',
  'dashboard.siteCreated': 'created by me',
  'dashboard.siteVisited': 'visited',
  'dashboard.visits': 'My visits',

  // Badges
  'badges.userTitle': 'Badges of {name}',
  'badges.userSummary': {
    zero: '{name} has no badge yet.',
    one: '{name} has earned {count} badge.',
    other: '{name} has earned {count} badges.',
  },
  'badges.none': '{name} has no badge yet.',
  'badges.noneMine': 'No badge yet: your next observation may bring the first!',
  'badges.awarded': 'Earned on {date}',
  'badges.catalogue': 'Every badge',
  'badges.catalogueIntro':
    'Badges mark what observers have done: their observations, the species they found, the sites they followed.',
  'badges.noRules': 'No badge can be earned yet.',
  'badges.progress': 'How far am I from the next ones?',
  'badges.publicPage': 'My badge page, as others see it',
  'badges.seeMine': 'See my badges',
  'badges.how.total': {
    one: 'Record {count} observation',
    other: 'Record {count} observations',
  },
  'badges.how.program': {
    one: 'Record {count} observation in {program}',
    other: 'Record {count} observations in {program}',
  },
  'badges.how.seniority': {
    zero: 'Join the site',
    one: 'Take part for {count} day',
    other: 'Take part for {count} days',
  },
  'badges.how.taxon': {
    one: 'Find {count} species ({group})',
    other: 'Find {count} species ({group})',
  },
  'badges.how.visits': { one: 'Make {count} site visit', other: 'Make {count} site visits' },
  'badges.how.visitsIn': {
    one: 'Make {count} site visit in {program}',
    other: 'Make {count} site visits in {program}',
  },

  // Account
  'account.leaderboards': 'Leaderboards',
  'account.showOnLeaderboards': 'Show me on the programmes’ leaderboards',
  'account.leaderboardsHint':
    'Unticked, your name is left out of every leaderboard. Your badge page stays public.',
} satisfies Record<string, Message>;
