import type { Section } from './en.js';
import type { sitesEn } from './sites.en.js';

export const sitesDe: Section<typeof sitesEn> = {
  // Standortformular
  'sites.addTitle': 'Standort hinzufügen: {title}',
  'sites.editTitle': 'Standort {name} ändern',
  'sites.noTypes':
    'Dieses Programm bietet noch keine Standortart an. Schauen Sie bald wieder vorbei.',
  'sites.whatSite': 'Was ist das für ein Standort?',
  'sites.type': 'Art des Standorts',
  'sites.typeLocked': 'Die Art kann nicht mehr geändert werden: Der Standort hat Besuche.',
  'sites.name': 'Name des Standorts',
  'sites.nameHint': 'Ein Name, den andere wiedererkennen, z. B. „Teich an der alten Mühle“.',
  'sites.place': 'Wo liegt er?',
  'sites.aboutSite': 'Über den Standort',
  'sites.needType': 'Wählen Sie die Art des Standorts.',
  'sites.needName': 'Geben Sie dem Standort einen Namen.',
  'sites.needPlace': 'Setzen Sie den Standort auf die Karte oder geben Sie seine Koordinaten ein.',
  'sites.create': 'Standort anlegen',
  'sites.steps': 'Schritte des Formulars',
  'sites.stepOf': 'Schritt {n} von {total}',
  'sites.stepProblems': { one: '{count} Problem', other: '{count} Probleme' },
  'sites.stepEmpty': 'In diesem Schritt ist nichts auszufüllen.',
  'sites.next': 'Weiter',
  'sites.back': 'Zurück',

  // Seite eines Standorts
  'sites.summary': '{name}, ein Standort ({type}) des Programms {program}.',
  'sites.facts': 'Der Standort',
  'sites.createdBy': 'Angelegt von',
  'sites.siteMapLabel': 'Karte der Lage von {name}',
  'sites.edit': 'Standort ändern',
  'sites.delete': 'Standort löschen',
  'sites.deleteTitle': 'Standort löschen?',
  'sites.deleteConfirm':
    'Der Standort {name}, seine Besuche, die dabei notierten Arten und alle Fotos werden endgültig gelöscht.',

  // Besuche
  'visits.title': 'Besuche',
  'visits.order': 'Vom ersten bis zum neuesten.',
  'visits.none': 'Niemand hat diesen Standort bisher besucht.',
  'visits.by': 'Besucht von {observer}',
  'visits.noSpecies': 'Bei diesem Besuch wurde keine Art notiert.',
  'visits.add': 'Besuch hinzufügen',
  'visits.creatorOnly':
    'In diesem Programm fügt nur die Person, die den Standort angelegt hat, Besuche hinzu.',
  'visits.loginToAdd': 'Melden Sie sich an, um einen Besuch hinzuzufügen',
  'visits.addTitle': 'Besuch von {name}',
  'visits.editTitle': 'Besuch vom {date} ändern',
  'visits.legend': 'Der Besuch',
  'visits.legendMore': 'Fotos und Kommentar',
  'visits.protocol': 'Ihre Aufnahme',
  'visits.needDate': 'Geben Sie das Datum des Besuchs ein.',
  'visits.species': 'Gesehene Arten',
  'visits.speciesHint':
    'Fügen Sie jede beim Besuch gesehene Art hinzu: Jede wird eine Beobachtung, am Standort, am Tag des Besuchs.',
  'visits.speciesToRecord': 'Zu erfassende Arten',
  'visits.addSpecies': 'Diese Art hinzufügen',
  'visits.speciesAdded': '{name} zur Liste hinzugefügt.',
  'visits.speciesRemoved': '{name} aus der Liste entfernt.',
  'visits.speciesTwice': '{name} ist schon in der Liste.',
  'visits.speciesSaved': 'Erfasst',
  'visits.countOf': 'Anzahl {name}',
  'visits.removeSpecies': '{name} aus dem Besuch entfernen',
  'visits.commentLabel': 'Was zu diesem Besuch wissenswert ist',
  'visits.submit': 'Besuch erfassen',
  'visits.retry': 'Fehlende Arten erneut senden',
  'visits.savedSoFar':
    'Der Besuch ist erfasst. Die unten rot markierten Arten nicht: Korrigieren oder entfernen Sie sie und senden Sie erneut.',
  'visits.leaveWithout': 'Ohne sie zum Standort',
  'visits.partial': {
    one: 'Der Besuch ist erfasst, aber eine Art konnte nicht erfasst werden.',
    other: 'Der Besuch ist erfasst, aber {count} Arten konnten nicht erfasst werden.',
  },
  'visits.delete': 'Besuch löschen',
  'visits.deleteTitle': 'Besuch löschen?',
  'visits.deleteConfirm':
    'Der Besuch vom {date}, die dabei notierten Arten und seine Fotos werden endgültig gelöscht.',
  'visits.deleted': 'Der Besuch vom {date} ist gelöscht.',

  // Übersicht
  'dashboard.sites': 'Meine Standorte',
  'dashboard.siteCreated': 'von mir angelegt',
  'dashboard.siteVisited': 'besucht',
  'dashboard.visits': 'Meine Besuche',

  // Abzeichen
  'badges.userTitle': 'Abzeichen von {name}',
  'badges.userSummary': {
    zero: '{name} hat noch kein Abzeichen.',
    one: '{name} hat {count} Abzeichen erhalten.',
    other: '{name} hat {count} Abzeichen erhalten.',
  },
  'badges.none': '{name} hat noch kein Abzeichen.',
  'badges.noneMine': 'Noch kein Abzeichen: Ihre nächste Beobachtung bringt vielleicht das erste!',
  'badges.awarded': 'Erhalten am {date}',
  'badges.catalogue': 'Alle Abzeichen',
  'badges.catalogueIntro':
    'Abzeichen würdigen, was Beobachterinnen und Beobachter geleistet haben: ihre Beobachtungen, die gefundenen Arten, die betreuten Standorte.',
  'badges.noRules': 'Noch kann kein Abzeichen erworben werden.',
  'badges.progress': 'Wie weit bin ich von den nächsten entfernt?',
  'badges.publicPage': 'Meine Abzeichenseite, wie andere sie sehen',
  'badges.seeMine': 'Meine Abzeichen ansehen',
  'badges.how.total': {
    one: '{count} Beobachtung erfassen',
    other: '{count} Beobachtungen erfassen',
  },
  'badges.how.program': {
    one: '{count} Beobachtung in {program} erfassen',
    other: '{count} Beobachtungen in {program} erfassen',
  },
  'badges.how.seniority': {
    zero: 'Der Website beitreten',
    one: 'Seit {count} Tag dabei sein',
    other: 'Seit {count} Tagen dabei sein',
  },
  'badges.how.taxon': {
    one: '{count} Art finden ({group})',
    other: '{count} Arten finden ({group})',
  },
  'badges.how.visits': {
    one: '{count} Standortbesuch machen',
    other: '{count} Standortbesuche machen',
  },
  'badges.how.visitsIn': {
    one: '{count} Standortbesuch in {program} machen',
    other: '{count} Standortbesuche in {program} machen',
  },

  // Konto
  'account.leaderboards': 'Ranglisten',
  'account.showOnLeaderboards': 'Mich in den Ranglisten der Programme zeigen',
  'account.leaderboardsHint':
    'Ohne Häkchen erscheint Ihr Name in keiner Rangliste. Ihre Abzeichenseite bleibt öffentlich.',
};
