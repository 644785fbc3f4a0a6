import type { Section } from './en.js';
import type { sitesEn } from './sites.en.js';

export const sitesFr: Section<typeof sitesEn> = {
  // Formulaire de site
  'sites.addTitle': 'Ajouter un site : {title}',
  'sites.editTitle': 'Modifier le site {name}',
  'sites.noTypes': 'Ce programme ne propose encore aucun type de site. Revenez bientôt.',
  'sites.whatSite': 'Quel est ce site ?',
  'sites.type': 'Type de site',
  'sites.typeLocked': 'Le type ne peut plus changer : le site a des visites.',
  'sites.name': 'Nom du site',
  'sites.nameHint': 'Un nom que les autres reconnaîtront, par exemple « Mare du vieux moulin ».',
  'sites.place': 'Où se trouve-t-il ?',
  'sites.aboutSite': 'À propos du site',
  'sites.needType': 'Choisissez le type de site.',
  'sites.needName': 'Donnez un nom au site.',
  'sites.needPlace': 'Placez le site sur la carte, ou saisissez ses coordonnées.',
  'sites.create': 'Créer le site',
  'sites.steps': 'Étapes du formulaire',
  'sites.stepOf': 'Étape {n} sur {total}',
  'sites.stepProblems': { one: '{count} problème', other: '{count} problèmes' },
  'sites.stepEmpty': 'Rien à renseigner à cette étape.',
  'sites.next': 'Suivant',
  'sites.back': 'Précédent',

  // Page d'un site
  'sites.summary': '{name}, un site ({type}) du programme {program}.',
  'sites.facts': 'Le site',
  'sites.createdBy': 'Créé par',
  'sites.siteMapLabel': 'Carte de l’emplacement de {name}',
  'sites.edit': 'Modifier le site',
  'sites.delete': 'Supprimer le site',
  'sites.deleteTitle': 'Supprimer le site ?',
  'sites.deleteConfirm':
    'Le site {name}, ses visites, les espèces notées pendant celles-ci et toutes les photos seront supprimés définitivement.',

  // Visites
  'visits.title': 'Visites',
  'visits.order': 'De la première à la plus récente.',
  'visits.none': 'Personne n’a encore visité ce site.',
  'visits.by': 'Visité par {observer}',
  'visits.noSpecies': 'Aucune espèce notée pendant cette visite.',
  'visits.add': 'Ajouter une visite',
  'visits.creatorOnly': 'Dans ce programme, seul le créateur du site en ajoute les visites.',
  'visits.loginToAdd': 'Connectez-vous pour ajouter une visite',
  'visits.addTitle': 'Visite de {name}',
  'visits.editTitle': 'Modifier la visite du {date}',
  'visits.legend': 'La visite',
  'visits.legendMore': 'Photos et commentaire',
  'visits.protocol': 'Vos relevés',
  'visits.needDate': 'Saisissez la date de la visite.',
  'visits.species': 'Espèces vues',
  'visits.speciesHint':
    'Ajoutez chaque espèce vue pendant la visite : chacune devient une observation, sur le site, le jour de la visite.',
  'visits.speciesToRecord': 'Espèces à enregistrer',
  'visits.addSpecies': 'Ajouter cette espèce',
  'visits.speciesAdded': '{name} ajouté à la liste.',
  'visits.speciesRemoved': '{name} retiré de la liste.',
  'visits.speciesTwice': '{name} est déjà dans la liste.',
  'visits.speciesSaved': 'Enregistrée',
  'visits.countOf': 'Nombre de {name}',
  'visits.removeSpecies': 'Retirer {name} de la visite',
  'visits.commentLabel': 'Ce qu’il est utile de savoir sur cette visite',
  'visits.submit': 'Enregistrer la visite',
  'visits.retry': 'Renvoyer les espèces manquantes',
  'visits.savedSoFar':
    'La visite est enregistrée. Les espèces marquées en rouge ci-dessous ne le sont pas : corrigez-les ou retirez-les, puis renvoyez.',
  'visits.leaveWithout': 'Aller au site sans elles',
  'visits.partial': {
    one: 'La visite est enregistrée, mais une espèce n’a pas pu l’être.',
    other: 'La visite est enregistrée, mais {count} espèces n’ont pas pu l’être.',
  },
  'visits.delete': 'Supprimer la visite',
  'visits.deleteTitle': 'Supprimer la visite ?',
  'visits.deleteConfirm':
    'La visite du {date}, les espèces notées pendant celle-ci et ses photos seront supprimées définitivement.',
  'visits.deleted': 'La visite du {date} est supprimée.',

  // Tableau de bord
  'dashboard.sites': 'Mes sites',
  'dashboard.siteCreated': 'créé par moi',
  'dashboard.siteVisited': 'visité',
  'dashboard.visits': 'Mes visites',

  // Badges
  'badges.userTitle': 'Badges de {name}',
  'badges.userSummary': {
    zero: '{name} n’a pas encore de badge.',
    one: '{name} a obtenu {count} badge.',
    other: '{name} a obtenu {count} badges.',
  },
  'badges.none': '{name} n’a pas encore de badge.',
  'badges.noneMine':
    'Pas encore de badge : votre prochaine observation apportera peut-être le premier !',
  'badges.awarded': 'Obtenu le {date}',
  'badges.catalogue': 'Tous les badges',
  'badges.catalogueIntro':
    'Les badges saluent ce que les observateurs ont fait : leurs observations, les espèces trouvées, les sites suivis.',
  'badges.noRules': 'Aucun badge ne peut encore être obtenu.',
  'badges.progress': 'Où en suis-je pour les prochains ?',
  'badges.publicPage': 'Ma page de badges, telle que les autres la voient',
  'badges.seeMine': 'Voir mes badges',
  'badges.how.total': {
    one: 'Enregistrer {count} observation',
    other: 'Enregistrer {count} observations',
  },
  'badges.how.program': {
    one: 'Enregistrer {count} observation dans {program}',
    other: 'Enregistrer {count} observations dans {program}',
  },
  'badges.how.seniority': {
    zero: 'Rejoindre le site',
    one: 'Participer depuis {count} jour',
    other: 'Participer depuis {count} jours',
  },
  'badges.how.taxon': {
    one: 'Trouver {count} espèce ({group})',
    other: 'Trouver {count} espèces ({group})',
  },
  'badges.how.visits': {
    one: 'Faire {count} visite de site',
    other: 'Faire {count} visites de sites',
  },
  'badges.how.visitsIn': {
    one: 'Faire {count} visite de site dans {program}',
    other: 'Faire {count} visites de sites dans {program}',
  },

  // Compte
  'account.leaderboards': 'Classements',
  'account.showOnLeaderboards': 'Me faire figurer dans les classements des programmes',
  'account.leaderboardsHint':
    'Décoché, votre nom n’apparaît dans aucun classement. Votre page de badges reste publique.',
};
