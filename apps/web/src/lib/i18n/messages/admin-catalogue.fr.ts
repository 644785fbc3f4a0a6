import type { Section } from './en.js';
import type { adminCatalogueEn } from './admin-catalogue.en.js';

export const adminCatalogueFr: Section<typeof adminCatalogueEn> = {
  'adminCatalogue.upload.label': 'Envoi du fichier',
  'adminCatalogue.upload.sending': 'Envoi…',
  'adminCatalogue.upload.sent': '{percent} % envoyés ({loaded} sur {total})',
  'adminCatalogue.upload.processing': 'Le fichier est envoyé ; le serveur le vérifie et l’importe…',
  'adminCatalogue.upload.cancel': 'Annuler l’envoi',
  'adminCatalogue.upload.cancelled': 'L’envoi a été annulé : rien n’a été importé.',
  'adminCatalogue.upload.tooLarge': 'Le fichier dépasse {max}.',
  'adminCatalogue.upload.refusedTooLarge':
    'Le serveur a refusé le fichier, trop volumineux. Importez-le plutôt sur le serveur, en ligne de commande.',
  'adminCatalogue.report.done': 'Import terminé',
  'adminCatalogue.report.rejected': 'Le fichier a été refusé',
  'adminCatalogue.report.nothingChanged': {
    one: 'Il a {count} ligne erronée ; rien n’a été importé. Corrigez-la et renvoyez le fichier.',
    other:
      'Il a {count} lignes erronées ; rien n’a été importé. Corrigez-les et renvoyez le fichier.',
  },
  'adminCatalogue.report.errorsCaption': 'Les lignes erronées du fichier',
  'adminCatalogue.report.file': 'Fichier',
  'adminCatalogue.report.line': 'Ligne',
  'adminCatalogue.report.problem': 'Problème',
  'adminCatalogue.report.wholeFile': 'tout le fichier',
  'adminCatalogue.report.more': {
    one: 'Et {count} autre ligne erronée.',
    other: 'Et {count} autres lignes erronées.',
  },
  'adminCatalogue.report.inserted': 'Ajoutés',
  'adminCatalogue.report.updated': 'Mis à jour',
  'adminCatalogue.report.unchanged': 'Inchangés',
  'adminCatalogue.report.removed': 'Retirés de la liste',

  'adminCatalogue.lists.title': 'Listes d’espèces',
  'adminCatalogue.lists.intro':
    'Un programme puise ses espèces dans une liste ; un programme sans liste accepte tout le référentiel. Chaque taxon d’une liste peut avoir une image, montrée dans le choix de l’espèce.',
  'adminCatalogue.lists.empty': 'Il n’y a pas encore de liste d’espèces.',
  'adminCatalogue.lists.caption': 'Listes d’espèces',
  'adminCatalogue.lists.name': 'Nom',
  'adminCatalogue.lists.description': 'Description',
  'adminCatalogue.lists.taxa': 'Taxons',
  'adminCatalogue.lists.programmes': 'Programmes',
  'adminCatalogue.lists.updated': 'Dernière modification',
  'adminCatalogue.lists.new': 'Nouvelle liste',
  'adminCatalogue.lists.create': 'Créer la liste',
  'adminCatalogue.lists.needName': 'Donnez un nom à la liste.',
  'adminCatalogue.lists.needFile': 'Choisissez un fichier CSV.',
  'adminCatalogue.lists.importTitle': 'Importer une liste depuis un fichier CSV',
  'adminCatalogue.lists.importIntro':
    'Un nouveau nom crée une liste ; le nom d’une liste existante remplace ses taxons par ceux du fichier.',
  'adminCatalogue.lists.importCreates': 'Une nouvelle liste sera créée.',
  'adminCatalogue.lists.importReplaces': {
    one: 'Cette liste existe : son taxon sera remplacé par ceux du fichier.',
    other: 'Cette liste existe : ses {count} taxons seront remplacés par ceux du fichier.',
  },
  'adminCatalogue.lists.formatTitle': 'Le format CSV attendu',
  'adminCatalogue.lists.formatHeader':
    'Texte UTF-8, séparé par des virgules, des points-virgules ou des tabulations, avec une ligne d’en-tête nommant les colonnes.',
  'adminCatalogue.lists.formatTaxon':
    'cd_nom (l’identifiant TAXREF) ou scientific_name sur chaque ligne : l’un des deux suffit.',
  'adminCatalogue.lists.formatPicture':
    'picture_url (facultatif) : l’adresse http(s) d’une image du taxon.',
  'adminCatalogue.lists.formatPosition':
    'position (facultatif) : le rang dans la liste ; sinon l’ordre des lignes.',
  'adminCatalogue.lists.formatAllOrNothing':
    'Tout ou rien : une seule ligne erronée fait refuser tout le fichier, et les lignes en cause sont données par leur numéro (l’en-tête est la ligne 1).',
  'adminCatalogue.lists.formatExample': 'Par exemple :',
  'adminCatalogue.lists.csvFile': 'Fichier CSV',
  'adminCatalogue.lists.csvHint': '{max} au plus.',
  'adminCatalogue.lists.import': 'Importer le fichier',
  'adminCatalogue.lists.open': 'Ouvrir la liste « {name} »',

  'adminCatalogue.list.back': '← Toutes les listes d’espèces',
  'adminCatalogue.list.summary': {
    zero: 'Aucun taxon pour l’instant.',
    one: '{count} taxon.',
    other: '{count} taxons.',
  },
  'adminCatalogue.list.usedBy': {
    one: 'Utilisée par {count} programme.',
    other: 'Utilisée par {count} programmes.',
  },
  'adminCatalogue.list.addTitle': 'Ajouter un taxon',
  'adminCatalogue.list.search': 'Chercher dans le référentiel',
  'adminCatalogue.list.add': 'Ajouter à la liste',
  'adminCatalogue.list.chooseFirst': 'Choisissez d’abord un taxon parmi les suggestions.',
  'adminCatalogue.list.already': '{name} est déjà dans la liste.',
  'adminCatalogue.list.added': '{name} a été ajouté à la liste.',
  'adminCatalogue.list.removed': '{name} a été retiré de la liste.',
  'adminCatalogue.list.moved': '{name} a été déplacé.',
  'adminCatalogue.list.taxaTitle': 'Taxons de la liste',
  'adminCatalogue.list.empty':
    'La liste n’a pas encore de taxon : ajoutez-en en cherchant dans le référentiel.',
  'adminCatalogue.list.pictureHint':
    'Images : JPEG, PNG, WebP ou AVIF. Le serveur vérifie que le fichier est bien une image.',
  'adminCatalogue.list.picture': 'Image',
  'adminCatalogue.list.taxon': 'Taxon',
  'adminCatalogue.list.pictureActions': 'Image',
  'adminCatalogue.list.listActions': 'Dans la liste',
  'adminCatalogue.list.pictureOf': 'Image de {name}',
  'adminCatalogue.list.uploadPicture': 'Envoyer une image',
  'adminCatalogue.list.replacePicture': 'Remplacer l’image',
  'adminCatalogue.list.uploadPictureOf': 'Envoyer une image de {name}',
  'adminCatalogue.list.removePicture': 'Retirer l’image',
  'adminCatalogue.list.pictureSaved': 'L’image de {name} est enregistrée.',
  'adminCatalogue.list.pictureRemoved': 'L’image de {name} a été retirée.',
  'adminCatalogue.list.moveUp': 'Monter {name}',
  'adminCatalogue.list.moveDown': 'Descendre {name}',
  'adminCatalogue.list.remove': 'Retirer',
  'adminCatalogue.list.detailsTitle': 'Nom et description',
  'adminCatalogue.list.deleteTitle': 'Supprimer la liste',
  'adminCatalogue.list.deleteHint':
    'Aucun programme n’utilise cette liste : elle peut être supprimée.',
  'adminCatalogue.list.deleteUsed': {
    one: 'Un programme utilise cette liste : donnez-lui une autre liste (ou aucune) dans ses réglages avant de supprimer celle-ci.',
    other:
      '{count} programmes utilisent cette liste : donnez-leur une autre liste (ou aucune) dans leurs réglages avant de supprimer celle-ci.',
  },
  'adminCatalogue.list.delete': 'Supprimer la liste',
  'adminCatalogue.list.deleteConfirmTitle': 'Supprimer « {name} » ?',
  'adminCatalogue.list.deleteConfirm': {
    zero: 'La liste sera supprimée. Le référentiel lui-même ne change pas.',
    one: 'La liste et l’image de son taxon seront supprimées. Le référentiel lui-même ne change pas.',
    other:
      'La liste, ses {count} taxons et leurs images seront supprimés. Le référentiel lui-même ne change pas.',
  },

  'adminCatalogue.taxonomy.title': 'Référentiel taxonomique',
  'adminCatalogue.taxonomy.intro':
    'Citizen garde sa propre copie du référentiel, qu’utilisent la recherche d’espèces et les listes d’espèces. Importez TAXREF, le référentiel national français, ou toute liste Darwin Core dont les identifiants de taxons sont des nombres entiers. Les taxons déjà présents sont mis à jour, les autres ajoutés ; aucun n’est supprimé.',
  'adminCatalogue.taxonomy.importTitle': 'Importer un fichier',
  'adminCatalogue.taxonomy.source': 'Nature du fichier',
  'adminCatalogue.taxonomy.source.taxref': 'TAXREF',
  'adminCatalogue.taxonomy.source.dwc-archive': 'Archive Darwin Core',
  'adminCatalogue.taxonomy.source.dwc-files': 'Fichiers de liste Darwin Core (CSV ou TSV)',
  'adminCatalogue.taxonomy.sourceHint.taxref':
    'TAXREFv18.txt tel que publié (séparé par des tabulations), ou le zip qui le contient.',
  'adminCatalogue.taxonomy.sourceHint.dwc-archive':
    'Un zip avec meta.xml, le fichier des taxons et éventuellement les noms vernaculaires (par exemple un export de liste GBIF).',
  'adminCatalogue.taxonomy.sourceHint.dwc-files':
    'Le fichier des taxons (Taxon.tsv, taxon.csv…) et éventuellement celui des noms vernaculaires.',
  'adminCatalogue.taxonomy.taxrefFile': 'Fichier TAXREF',
  'adminCatalogue.taxonomy.archive': 'Archive Darwin Core (zip)',
  'adminCatalogue.taxonomy.taxonFile': 'Fichier des taxons',
  'adminCatalogue.taxonomy.vernacularFile': 'Fichier des noms vernaculaires',
  'adminCatalogue.taxonomy.sizeHint':
    '{max} au plus. Un proxy placé devant le site peut refuser les gros fichiers plus tôt : importez-les sur le serveur en ligne de commande (ci-dessous).',
  'adminCatalogue.taxonomy.csvTitle': 'Les colonnes attendues',
  'adminCatalogue.taxonomy.csvTaxon':
    'Fichier des taxons : une ligne d’en-tête avec taxonID (un nombre entier), scientificName et taxonRank.',
  'adminCatalogue.taxonomy.csvOptional':
    'Facultatives : scientificNameAuthorship, kingdom, phylum, class, order, family, acceptedNameUsageID (pour les synonymes), taxonomicStatus.',
  'adminCatalogue.taxonomy.csvVernacular':
    'Fichier des noms vernaculaires : taxonID, vernacularName, language (fr, en, de…), éventuellement isPreferredName.',
  'adminCatalogue.taxonomy.version': 'Version de TAXREF',
  'adminCatalogue.taxonomy.versionHint':
    'Par exemple 18.0. Laissée vide, elle est lue dans le nom du fichier (TAXREFv18.txt).',
  'adminCatalogue.taxonomy.languages': 'Langues des noms vernaculaires conservés',
  'adminCatalogue.taxonomy.languagesHint':
    'Codes à deux lettres séparés par des virgules, par exemple fr,en,de.',
  'adminCatalogue.taxonomy.badLanguages':
    'Donnez des codes de langue à deux lettres séparés par des virgules.',
  'adminCatalogue.taxonomy.needFile': 'Choisissez le fichier à importer.',
  'adminCatalogue.taxonomy.allOrNothing':
    'Tout ou rien : si une seule ligne est erronée, rien n’est importé et le compte rendu donne les lignes en cause.',
  'adminCatalogue.taxonomy.import': 'Importer',
  'adminCatalogue.taxonomy.progress': 'Envoi de {name}',
  'adminCatalogue.taxonomy.cliTitle': 'Très gros fichiers',
  'adminCatalogue.taxonomy.cli':
    'Un TAXREF complet pèse environ 250 Mo. Il est plus rapide, et aucun proxy ne le limite, de l’importer sur le serveur :',

  'adminCatalogue.areas.title': 'Zones',
  'adminCatalogue.areas.intro':
    'Communes et autres zones (départements, parcs…), importées depuis du GeoJSON. Les observations prennent leur commune dans les zones de nature « municipality », et le public peut filtrer les observations par zone.',
  'adminCatalogue.areas.empty': 'Aucune zone n’a encore été importée.',
  'adminCatalogue.areas.caption': 'Zones par nature',
  'adminCatalogue.areas.kind': 'Nature',
  'adminCatalogue.areas.count': 'Zones',
  'adminCatalogue.areas.updated': 'Dernière modification',
  'adminCatalogue.areas.actions': 'Actions',
  'adminCatalogue.areas.municipalities': 'Communes : elles donnent la commune des observations',
  'adminCatalogue.areas.importTitle': 'Importer des zones depuis du GeoJSON',
  'adminCatalogue.areas.importIntro':
    'Une FeatureCollection de polygones en longitude/latitude (WGS 84). Chaque objet doit avoir un code et un nom parmi ses propriétés. Les zones sont reconnues à leur nature et à leur code : un nouvel import les met à jour.',
  'adminCatalogue.areas.kindHint':
    'Lettres minuscules et tirets bas : municipality, department, natural_park…',
  'adminCatalogue.areas.badKind':
    'La nature ne prend que des lettres minuscules et des tirets bas.',
  'adminCatalogue.areas.file': 'Fichier GeoJSON',
  'adminCatalogue.areas.fileHint': '{max} au plus.',
  'adminCatalogue.areas.needFile': 'Choisissez un fichier GeoJSON.',
  'adminCatalogue.areas.features': {
    one: 'Le fichier a {count} objet. Quelles propriétés donnent son code et son nom ?',
    other: 'Le fichier a {count} objets. Quelles propriétés donnent leur code et leur nom ?',
  },
  'adminCatalogue.areas.codeProperty': 'Propriété donnant le code',
  'adminCatalogue.areas.nameProperty': 'Propriété donnant le nom',
  'adminCatalogue.areas.chooseProperty': 'Choisir…',
  'adminCatalogue.areas.needCode': 'Choisissez la propriété qui donne le code.',
  'adminCatalogue.areas.needName': 'Choisissez la propriété qui donne le nom.',
  'adminCatalogue.areas.unread':
    'Le fichier n’a pas pu être lu ici ; il sera envoyé tel quel. Nommez les propriétés si ce ne sont pas les habituelles (code, INSEE_COM… et name, NOM…).',
  'adminCatalogue.areas.allOrNothing':
    'Tout ou rien : un objet sans code ni nom, un code donné deux fois ou un polygone incorrect fait refuser tout le fichier.',
  'adminCatalogue.areas.import': 'Importer les zones',
  'adminCatalogue.areas.report': '{kind} : {inserted} ajoutées, {updated} mises à jour.',
  'adminCatalogue.areas.reportProperties': 'Codes lus dans « {code} », noms dans « {name} ».',
  'adminCatalogue.areas.deleteTitle': 'Supprimer les zones de nature « {kind} » ?',
  'adminCatalogue.areas.deleteConfirm': {
    one: 'Sa zone sera supprimée. Les observations gardent la commune qui leur a été donnée.',
    other:
      'Ses {count} zones seront supprimées. Les observations gardent la commune qui leur a été donnée.',
  },
  'adminCatalogue.areas.deleted': {
    one: '{count} zone de nature {kind} a été supprimée.',
    other: '{count} zones de nature {kind} ont été supprimées.',
  },

  'adminCatalogue.badges.title': 'Badges',
  'adminCatalogue.badges.new': 'Nouvelle règle',
  'adminCatalogue.badges.on':
    'Les badges sont activés. Les observations et visites d’un programme comptent dès que les badges sont activés dans ses réglages.',
  'adminCatalogue.badges.off': 'Les badges sont désactivés sur cette instance.',
  'adminCatalogue.badges.offHint':
    'Les règles peuvent être préparées ici, mais personne ne gagne de badge tant que le serveur n’est pas démarré avec BADGES_ENABLED=true ; d’ici là, ils ne peuvent pas non plus être recalculés.',
  'adminCatalogue.badges.empty': 'Il n’y a pas encore de règle de badge.',
  'adminCatalogue.badges.caption': 'Règles des badges',
  'adminCatalogue.badges.picture': 'Image',
  'adminCatalogue.badges.badge': 'Badge',
  'adminCatalogue.badges.condition': 'Obtenu pour',
  'adminCatalogue.badges.level': 'Niveau',
  'adminCatalogue.badges.levelHint':
    'De 1 à 100 : les badges d’une même sorte sont présentés dans cet ordre.',
  'adminCatalogue.badges.holders': 'Détenteurs',
  'adminCatalogue.badges.active': 'Actif',
  'adminCatalogue.badges.activeOf': '{name} peut être obtenu',
  'adminCatalogue.badges.actions': 'Actions',
  'adminCatalogue.badges.when.total_observations': {
    one: '{count} observation',
    other: '{count} observations',
  },
  'adminCatalogue.badges.when.program_observations': {
    one: '{count} observation dans {program}',
    other: '{count} observations dans {program}',
  },
  'adminCatalogue.badges.when.seniority': {
    zero: 'Avoir un compte',
    one: 'Un compte de {count} jour',
    other: 'Un compte de {count} jours',
  },
  'adminCatalogue.badges.when.taxon_species': {
    one: '{count} espèce parmi les {name} ({rank})',
    other: '{count} espèces parmi les {name} ({rank})',
  },
  'adminCatalogue.badges.when.taxon_species_program': {
    one: '{count} espèce parmi les {name} ({rank}) dans {program}',
    other: '{count} espèces parmi les {name} ({rank}) dans {program}',
  },
  'adminCatalogue.badges.when.site_visits': {
    one: '{count} visite de site',
    other: '{count} visites de sites',
  },
  'adminCatalogue.badges.when.site_visits_program': {
    one: '{count} visite de site dans {program}',
    other: '{count} visites de sites dans {program}',
  },
  'adminCatalogue.badges.rank.class': 'classe',
  'adminCatalogue.badges.rank.order': 'ordre',
  'adminCatalogue.badges.rank.family': 'famille',
  'adminCatalogue.badges.newTitle': 'Nouvelle règle de badge',
  'adminCatalogue.badges.editTitle': 'Modifier « {name} »',
  'adminCatalogue.badges.kind': 'Sorte de règle',
  'adminCatalogue.badges.kind.total_observations': 'Observations, tous programmes',
  'adminCatalogue.badges.kind.program_observations': 'Observations dans un programme',
  'adminCatalogue.badges.kind.seniority': 'Ancienneté',
  'adminCatalogue.badges.kind.taxon_species': 'Reconnaissance taxonomique',
  'adminCatalogue.badges.kind.site_visits': 'Visites de sites',
  'adminCatalogue.badges.kindHint.total_observations':
    'Obtenu à un nombre d’observations, dans tous les programmes qui comptent pour les badges.',
  'adminCatalogue.badges.kindHint.program_observations':
    'Obtenu à un nombre d’observations dans le programme choisi.',
  'adminCatalogue.badges.kindHint.seniority':
    'Obtenu quand le compte a ce nombre de jours (0 : tout de suite).',
  'adminCatalogue.badges.kindHint.taxon_species':
    'Obtenu à un nombre d’espèces distinctes d’une classe, d’un ordre ou d’une famille, par exemple 20 espèces d’Aves.',
  'adminCatalogue.badges.kindHint.site_visits':
    'Obtenu à un nombre de visites de sites, dans un programme ou dans tous.',
  'adminCatalogue.badges.threshold': 'Seuil',
  'adminCatalogue.badges.thresholdDays': 'Jours depuis la création du compte',
  'adminCatalogue.badges.program': 'Programme',
  'adminCatalogue.badges.chooseProgram': 'Choisir un programme…',
  'adminCatalogue.badges.anyProgram': 'Tous les programmes',
  'adminCatalogue.badges.taxonRank': 'Rang',
  'adminCatalogue.badges.taxonName': 'Nom du groupe',
  'adminCatalogue.badges.taxonNameHint':
    'Tel que l’écrit le référentiel, par exemple Aves, Lepidoptera, Turdidae : des suggestions apparaissent à la saisie.',
  'adminCatalogue.badges.groupSpecies': {
    zero: 'aucune espèce dans le référentiel',
    one: '{count} espèce dans le référentiel',
    other: '{count} espèces dans le référentiel',
  },
  'adminCatalogue.badges.name': 'Nom du badge',
  'adminCatalogue.badges.nameHint':
    'Dans une langue au moins ; chacun le voit dans la sienne quand elle est donnée.',
  'adminCatalogue.badges.description': 'Description (facultative)',
  'adminCatalogue.badges.pictureFile': 'Envoyer une image (JPEG, PNG, WebP ou AVIF)',
  'adminCatalogue.badges.pictureUrl': 'Ou l’adresse d’une image',
  'adminCatalogue.badges.pictureUrlHint': 'http(s)://… ou un chemin de ce site commençant par /.',
  'adminCatalogue.badges.removePicture': 'Retirer l’image',
  'adminCatalogue.badges.pictureRemoved': 'L’image a été retirée.',
  'adminCatalogue.badges.pictureFailed': 'La règle est enregistrée, mais pas son image : {reason}',
  'adminCatalogue.badges.activeLabel': 'Active : le badge peut être obtenu',
  'adminCatalogue.badges.create': 'Créer la règle',
  'adminCatalogue.badges.created': 'Le badge « {name} » est créé.',
  'adminCatalogue.badges.updated': 'Le badge « {name} » est enregistré.',
  'adminCatalogue.badges.enabledRule': '« {name} » peut de nouveau être obtenu.',
  'adminCatalogue.badges.disabledRule': '« {name} » ne peut plus être obtenu.',
  'adminCatalogue.badges.deleted': 'Le badge « {name} » a été supprimé.',
  'adminCatalogue.badges.deleteTitle': 'Supprimer « {name} » ?',
  'adminCatalogue.badges.deleteConfirm': {
    zero: 'Personne ne détient encore ce badge.',
    one: '{count} personne détient ce badge et le perdra.',
    other: '{count} personnes détiennent ce badge et le perdront.',
  },
  'adminCatalogue.badges.problem.threshold.integer': 'Donnez un nombre entier pour le seuil.',
  'adminCatalogue.badges.problem.threshold.min':
    'Le seuil est d’au moins 1 (0 est réservé à l’ancienneté).',
  'adminCatalogue.badges.problem.level.integer': 'Donnez un niveau de 1 à 100.',
  'adminCatalogue.badges.problem.programId.required': 'Choisissez le programme.',
  'adminCatalogue.badges.problem.taxonName.required': 'Donnez le nom du groupe.',
  'adminCatalogue.badges.problem.name.required': 'Donnez un nom au badge dans une langue au moins.',
  'adminCatalogue.badges.problem.pictureUrl.url':
    'L’adresse de l’image commence par http://, https:// ou /.',
  'adminCatalogue.badges.recomputeTitle': 'Recalculer tous les badges',
  'adminCatalogue.badges.recomputeHint':
    'Reconstruit toutes les attributions à partir des données, comme la commande recompute-badges : après un import en masse, ou si des badges semblent faux.',
  'adminCatalogue.badges.recompute': 'Tout recalculer',
  'adminCatalogue.badges.recomputing': 'Recalcul…',
  'adminCatalogue.badges.awarded': 'Attribués',
  'adminCatalogue.badges.withdrawn': 'Retirés',
  'adminCatalogue.badges.held': 'Badges détenus',
  'adminCatalogue.badges.users': 'Personnes en ayant un',
  'adminCatalogue.badges.duration': 'Durée',
  'adminCatalogue.badges.seconds': '{seconds} s',
};
