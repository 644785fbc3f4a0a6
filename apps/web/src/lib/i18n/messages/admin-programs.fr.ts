import type { Section } from './en.js';
import type { adminProgramsEn } from './admin-programs.en.js';

export const adminProgramsFr: Section<typeof adminProgramsEn> = {
  // Liste
  'adminPrograms.list.title': 'Programmes',
  'adminPrograms.list.new': 'Nouveau programme',
  'adminPrograms.list.empty': 'Aucun programme pour l’instant.',
  'adminPrograms.list.caption': 'Tous les programmes, publiés ou non',
  'adminPrograms.list.programme': 'Programme',
  'adminPrograms.list.status': 'État',
  'adminPrograms.list.kind': 'Type',
  'adminPrograms.list.dates': 'Dates',
  'adminPrograms.list.observations': 'Observations',
  'adminPrograms.list.actions': 'Actions',
  'adminPrograms.list.edit': 'Modifier',
  'adminPrograms.list.view': 'Voir',
  'adminPrograms.list.siteTypes': 'Types de sites',
  'adminPrograms.list.period': '{from} – {to}',
  'adminPrograms.list.from': 'À partir du {date}',
  'adminPrograms.list.until': 'Jusqu’au {date}',
  'adminPrograms.list.always': 'Sans dates',
  'adminPrograms.kind.observations': 'Observations',
  'adminPrograms.kind.sites': 'Sites et visites',
  'adminPrograms.kind.observationsHint':
    'Les observateurs signalent les espèces vues n’importe où dans la zone.',
  'adminPrograms.kind.sitesHint':
    'Les observateurs décrivent des sites (une mare, un arbre…) et y notent des visites datées.',
  'adminPrograms.status.heading': 'Publication',
  'adminPrograms.status.published': 'Publié',
  'adminPrograms.status.draft': 'Non publié',
  'adminPrograms.status.publishedHint': 'Tout le monde voit ce programme et peut y participer.',
  'adminPrograms.status.draftHint': 'Seuls les administrateurs voient ce programme.',
  'adminPrograms.status.publish': 'Publier',
  'adminPrograms.status.unpublish': 'Dépublier',
  'adminPrograms.status.nowPublished': 'Le programme est publié.',
  'adminPrograms.status.nowDraft': 'Le programme n’est plus publié.',
  'adminPrograms.status.view': 'Voir sa page publique',

  // Éditeur
  'adminPrograms.new.title': 'Nouveau programme',
  'adminPrograms.new.intro':
    'Le programme est créé non publié : publiez-le depuis sa page quand il est prêt.',
  'adminPrograms.section.texts': 'Titre et textes',
  'adminPrograms.section.setup': 'Réglages',
  'adminPrograms.section.area': 'Zone',
  'adminPrograms.section.form': 'Formulaire personnalisé',
  'adminPrograms.field.title': 'Titre',
  'adminPrograms.field.slug': 'Nom court dans les adresses',
  'adminPrograms.field.slugHint':
    'Lettres minuscules, chiffres et tirets, par exemple mares-de-lyon.',
  'adminPrograms.field.shortDescription': 'Description courte',
  'adminPrograms.field.shortDescriptionHint':
    'Une ou deux phrases, sur la carte du programme (500 caractères au plus).',
  'adminPrograms.field.longDescription': 'Description complète',
  'adminPrograms.field.longDescriptionHint':
    'Affichée sur la page du programme. Texte simple (une ligne vide entre les paragraphes) ou HTML : paragraphes, titres, listes, liens et images sont gardés, le reste est retiré.',
  'adminPrograms.field.kind': 'Type de programme',
  'adminPrograms.field.startsOn': 'Commence le',
  'adminPrograms.field.endsOn': 'Se termine le',
  'adminPrograms.field.speciesList': 'Espèces',
  'adminPrograms.field.speciesListAll': 'Toute espèce de la taxonomie',
  'adminPrograms.field.speciesListOption': {
    one: '{name} ({count} espèce)',
    other: '{name} ({count} espèces)',
  },
  'adminPrograms.field.speciesListHint':
    'Les observateurs choisissent dans cette liste : des images pour une liste courte, une recherche pour une longue.',
  'adminPrograms.field.project': 'Projet',
  'adminPrograms.field.projectNone': 'Aucun projet',
  'adminPrograms.field.licence': 'Licence des données',
  'adminPrograms.field.licenceHint':
    'Un identifiant SPDX, par exemple CC-BY-4.0 : les exports du programme l’indiquent.',
  'adminPrograms.field.participation': 'Participation',
  'adminPrograms.field.registrationRequired': 'Les observateurs doivent avoir un compte',
  'adminPrograms.field.publicValidatedOnly':
    'Ne montrer au public que les observations validées comme certaines ou probables',
  'adminPrograms.project.new': 'Nouveau projet',
  'adminPrograms.project.create': 'Créer le projet',
  'adminPrograms.project.created': 'Projet « {title} » créé et choisi.',
  'adminPrograms.area.intro':
    'Là où les observations peuvent être faites : dessinez-la sur la carte (plusieurs formes sont possibles) ou importez un fichier.',
  'adminPrograms.area.map': 'Carte pour dessiner la zone du programme',
  'adminPrograms.area.tools': 'Outils de dessin',
  'adminPrograms.area.draw': 'Dessiner une forme',
  'adminPrograms.area.edit': 'Sélectionner et modifier',
  'adminPrograms.area.finish': 'Terminer la forme',
  'adminPrograms.area.cancelShape': 'Annuler cette forme',
  'adminPrograms.area.deleteSelected': 'Supprimer la forme sélectionnée',
  'adminPrograms.area.clear': 'Effacer la zone',
  'adminPrograms.area.drawHint':
    'Cliquez sur la carte pour placer chaque sommet. Cliquez à nouveau sur le premier ou le dernier sommet (ou appuyez sur Entrée) pour fermer la forme.',
  'adminPrograms.area.editHint':
    'Cliquez sur une forme pour la sélectionner, puis déplacez ses sommets ou la forme entière ; cliquez entre deux sommets pour en ajouter un.',
  'adminPrograms.area.readOnly':
    'Cette zone a des formes que les outils de dessin ne savent pas modifier (des trous par exemple). Importez un fichier pour la remplacer, ou effacez-la et dessinez-en une nouvelle.',
  'adminPrograms.area.none': 'Pas encore de zone.',
  'adminPrograms.area.shapes': {
    one: 'La zone a une forme.',
    other: 'La zone a {count} formes.',
  },
  'adminPrograms.area.file': 'Importer un fichier GeoJSON ou KML',
  'adminPrograms.area.fileHint':
    'Il remplace la zone aussitôt. Coordonnées en WGS 84 (longitude, latitude) ; une forme invalide est réparée.',
  'adminPrograms.area.fileHintNew':
    'Coordonnées en WGS 84 (longitude, latitude) ; une forme invalide est réparée à la création du programme.',
  'adminPrograms.area.importing': 'Import de la zone…',
  'adminPrograms.area.imported': 'La zone de {file} est enregistrée.',
  'adminPrograms.area.loaded':
    'La zone de {file} est sur la carte : créez le programme pour l’enregistrer.',
  'adminPrograms.area.pendingFile':
    '{file} sera lu à la création du programme (dessiner sur la carte le remplace).',
  'adminPrograms.form.intro':
    'Les questions posées avec chaque observation, après l’espèce, la date, le lieu et le nombre.',
  'adminPrograms.form.none':
    'Pas de formulaire personnalisé : les observateurs ne répondent qu’aux questions habituelles.',
  'adminPrograms.form.sites':
    'Les programmes de sites ont un formulaire par type de site, pour les sites et pour les visites : modifiez-les avec les types de sites.',
  'adminPrograms.notices': 'Le serveur a modifié ce qui a été envoyé :',
  'adminPrograms.problem.titleMissing': 'Donnez un titre au programme.',
  'adminPrograms.problem.slugMissing': 'Donnez au programme un nom court pour son adresse.',
  'adminPrograms.problem.slugInvalid':
    'Le nom court ne peut avoir que des minuscules, des chiffres et des tirets simples.',
  'adminPrograms.problem.datesOrder': 'Le programme ne peut pas finir avant de commencer.',
  'adminPrograms.problem.licenceMissing': 'Indiquez la licence des données.',
  'adminPrograms.problem.areaMissing': 'Dessinez la zone sur la carte ou importez-la d’un fichier.',
  'adminPrograms.problem.form': 'Le formulaire personnalisé a des problèmes : voyez son éditeur.',
  'adminPrograms.create': 'Créer le programme',
  'adminPrograms.save': 'Enregistrer les modifications',
  'adminPrograms.saving': 'Enregistrement…',
  'adminPrograms.saved': 'Enregistré.',
  'adminPrograms.image.heading': 'Image de bannière',
  'adminPrograms.image.current': 'La bannière du programme',
  'adminPrograms.image.none': 'Pas encore de bannière.',
  'adminPrograms.image.file': 'Fichier image',
  'adminPrograms.image.hint': 'JPEG, PNG, WebP ou AVIF ; une image large convient le mieux.',
  'adminPrograms.image.upload': 'Envoyer la bannière',
  'adminPrograms.image.saved': 'La bannière est enregistrée.',
  'adminPrograms.badges.heading': 'Badges',
  'adminPrograms.badges.intro':
    'Les règles des badges se règlent dans la rubrique Badges ; ici, on dit si ce programme y participe. Les badges doivent aussi être activés sur l’instance.',
  'adminPrograms.badges.enabled':
    'Les observations et visites de ce programme comptent pour les badges',
  'adminPrograms.badges.leaderboard': 'Afficher un classement sur la page du programme',
  'adminPrograms.badges.save': 'Enregistrer les réglages des badges',
  'adminPrograms.badges.saved': 'Réglages des badges enregistrés.',

  // Constructeur de formulaire
  'adminPrograms.builder.modes': 'Mode d’édition : {form}',
  'adminPrograms.builder.visual': 'Champs',
  'adminPrograms.builder.json': 'JSON Schema',
  'adminPrograms.builder.formTitle': 'Titre des questions',
  'adminPrograms.builder.formDescription': 'Introduction',
  'adminPrograms.builder.fields': 'Champs',
  'adminPrograms.builder.noFields': 'Aucun champ pour l’instant : ajoutez-en un ci-dessous.',
  'adminPrograms.builder.fieldLegend': 'Champ {n} : {title}',
  'adminPrograms.builder.fieldTitle': 'Question',
  'adminPrograms.builder.fieldKind': 'Type de réponse',
  'adminPrograms.builder.fieldHelp': 'Texte d’aide',
  'adminPrograms.builder.fieldName': 'Clé',
  'adminPrograms.builder.fieldNameHint':
    'Le nom de la réponse dans les données et les exports. La changer plus tard laisse les réponses déjà données sous l’ancienne clé.',
  'adminPrograms.builder.fieldStep': 'Étape',
  'adminPrograms.builder.kind.text': 'Texte court',
  'adminPrograms.builder.kind.longText': 'Texte long',
  'adminPrograms.builder.kind.number': 'Nombre',
  'adminPrograms.builder.kind.integer': 'Nombre entier',
  'adminPrograms.builder.kind.boolean': 'Oui / non',
  'adminPrograms.builder.kind.choice': 'Choix',
  'adminPrograms.builder.kind.date': 'Date',
  'adminPrograms.builder.minimum': 'Minimum',
  'adminPrograms.builder.maximum': 'Maximum',
  'adminPrograms.builder.options': 'Options',
  'adminPrograms.builder.multiple': 'Plusieurs options peuvent être choisies',
  'adminPrograms.builder.optionLabel': 'Option {n}',
  'adminPrograms.builder.optionValue': 'Enregistrée comme (option {n})',
  'adminPrograms.builder.optionUp': 'Monter l’option {n}',
  'adminPrograms.builder.optionDown': 'Descendre l’option {n}',
  'adminPrograms.builder.optionRemove': 'Retirer l’option {n}',
  'adminPrograms.builder.addOption': 'Ajouter une option',
  'adminPrograms.builder.required': 'Une réponse est obligatoire',
  'adminPrograms.builder.up': 'Monter',
  'adminPrograms.builder.down': 'Descendre',
  'adminPrograms.builder.remove': 'Retirer',
  'adminPrograms.builder.newKind': 'Type du nouveau champ',
  'adminPrograms.builder.addField': 'Ajouter le champ',
  'adminPrograms.builder.useSteps': 'Découper le formulaire en étapes',
  'adminPrograms.builder.stepDefault': 'Étape {n}',
  'adminPrograms.builder.stepTitle': 'Titre de l’étape {n}',
  'adminPrograms.builder.stepDescription': 'Introduction de l’étape {n}',
  'adminPrograms.builder.removeStep': 'Retirer l’étape {n}',
  'adminPrograms.builder.addStep': 'Ajouter une étape',
  'adminPrograms.builder.problems': 'À corriger avant d’enregistrer :',
  'adminPrograms.builder.problem.noTitle': 'Le champ {n} n’a pas de question.',
  'adminPrograms.builder.problem.badName':
    'La clé du champ {n} ({title}) doit commencer par une lettre et n’avoir que des lettres, des chiffres, _ et -.',
  'adminPrograms.builder.problem.duplicateName':
    'La clé du champ {n} ({title}) est déjà prise par un autre champ.',
  'adminPrograms.builder.problem.noOptions': 'Le champ {n} ({title}) n’a aucune option à choisir.',
  'adminPrograms.builder.problem.emptyOption': 'L’option {option} du champ {n} ({title}) est vide.',
  'adminPrograms.builder.problem.duplicateOption':
    'L’option {option} du champ {n} ({title}) est enregistrée avec la même valeur qu’une autre.',
  'adminPrograms.builder.problem.minAboveMax':
    'Le minimum du champ {n} ({title}) dépasse son maximum.',
  'adminPrograms.builder.problem.stepNoTitle': 'L’étape {n} n’a pas de titre.',
  'adminPrograms.builder.problem.stepEmpty': 'L’étape {n} n’a aucun champ.',
  'adminPrograms.builder.problem.fieldInNoStep': 'Le champ {n} ({title}) n’est dans aucune étape.',
  'adminPrograms.builder.jsonHint':
    'Pour les experts : le formulaire en JSON Schema, avec les indications de mise en page (uiSchema : ui:widget, ui:help, ui:order, steps). Les conditions, objets imbriqués et listes s’écrivent ici ; l’éditeur de champs suit quand il sait afficher le formulaire.',
  'adminPrograms.builder.schemaText': 'JSON Schema',
  'adminPrograms.builder.uiText': 'Indications de mise en page (uiSchema)',
  'adminPrograms.builder.jsonSyntax': 'Ce n’est pas du JSON valide : {detail}',
  'adminPrograms.builder.jsonNotObject': 'Il faut un objet JSON, entre { et }.',
  'adminPrograms.builder.unsupported.notObject':
    'Le formulaire n’est pas le JSON Schema d’un objet : l’éditeur de champs ne sait pas l’afficher.',
  'adminPrograms.builder.unsupported.keyword':
    'Le formulaire utilise « {keyword} », que l’éditeur de champs ne sait pas afficher.',
  'adminPrograms.builder.unsupported.fieldKeyword':
    'Le champ « {field} » utilise « {keyword} », que l’éditeur de champs ne sait pas afficher.',
  'adminPrograms.builder.unsupported.fieldType':
    'Le champ « {field} » a un type que l’éditeur de champs ne sait pas afficher.',
  'adminPrograms.builder.unsupported.hint':
    'Modifiez-le dans l’onglet JSON Schema, ou repartez d’un formulaire vide.',
  'adminPrograms.builder.startAgain': 'Repartir d’un formulaire vide',
  'adminPrograms.builder.preview': 'Aperçu',
  'adminPrograms.builder.previewHint':
    'Tel que les observateurs le verront. Les réponses données ici ne sont pas enregistrées.',
  'adminPrograms.builder.previewEmpty': 'Le formulaire n’a pas encore de champ.',
  'adminPrograms.builder.previewStale': 'L’aperçu montre le dernier formulaire valide.',
  'adminPrograms.builder.previewFailed': 'Ce schéma ne peut pas être affiché comme formulaire.',
  'adminPrograms.builder.previewStep': 'Étape {n} : {title}',

  // Protocoles de sites
  'adminPrograms.sites.link': 'Types de sites et visites',
  'adminPrograms.sites.title': 'Types de sites',
  'adminPrograms.sites.intro':
    'Chaque type de site (mare, arbre, nichoir…) a un formulaire pour décrire un site et un pour chaque visite.',
  'adminPrograms.sites.notSites':
    'Ce programme recueille des observations, pas des sites : ses types de sites servent quand son type est « Sites et visites ».',
  'adminPrograms.sites.visitsBy': 'Qui peut ajouter une visite à un site',
  'adminPrograms.sites.visitsByAnyone': 'Toute personne ayant un compte',
  'adminPrograms.sites.visitsByCreator':
    'Seulement la personne qui a créé le site (et les administrateurs)',
  'adminPrograms.sites.saveSettings': 'Enregistrer',
  'adminPrograms.sites.settingsSaved': 'Enregistré.',
  'adminPrograms.sites.types': 'Types de sites',
  'adminPrograms.sites.noTypes': 'Aucun type de site pour l’instant.',
  'adminPrograms.sites.add': 'Ajouter un type de site',
  'adminPrograms.sites.newType': 'Nouveau type de site',
  'adminPrograms.sites.name': 'Nom',
  'adminPrograms.sites.nameMissing': 'Donnez un nom au type de site.',
  'adminPrograms.sites.description': 'Description',
  'adminPrograms.sites.pictogram': 'Pictogramme (adresse d’une image)',
  'adminPrograms.sites.pictogramHint':
    'Affiché pour les sites sans photo : https://… ou un chemin sur ce serveur (/…).',
  'adminPrograms.sites.pictogramInvalid':
    'L’adresse du pictogramme doit commencer par https://, http:// ou /.',
  'adminPrograms.sites.siteForm': 'Formulaire du site',
  'adminPrograms.sites.siteFormHint': 'Rempli une fois, à la création d’un site.',
  'adminPrograms.sites.visitForm': 'Formulaire de visite',
  'adminPrograms.sites.visitFormHint': 'Rempli à chaque visite d’un site.',
  'adminPrograms.sites.create': 'Créer le type de site',
  'adminPrograms.sites.save': 'Enregistrer le type de site',
  'adminPrograms.sites.saved': '« {name} » est enregistré.',
  'adminPrograms.sites.delete': 'Supprimer le type de site',
  'adminPrograms.sites.discard': 'Abandonner',
};
