import type { Section } from './en.js';
import type { adminEn } from './admin.en.js';
import { adminProgramsFr } from './admin-programs.fr.js';
import { adminCatalogueFr } from './admin-catalogue.fr.js';
import { adminPeopleFr } from './admin-people.fr.js';
import { adminSensitivityFr } from './admin-sensitivity.fr.js';

export const adminFr: Section<typeof adminEn> = {
  ...adminProgramsFr,
  ...adminCatalogueFr,
  ...adminPeopleFr,
  ...adminSensitivityFr,
  'admin.title': 'Administration',
  'admin.nav': 'Rubriques d’administration',
  'admin.intro':
    'Gérez le site : programmes, espèces, personnes et réglages. Chaque modification est journalisée et s’applique immédiatement.',
  'admin.section.overview': 'Vue d’ensemble',
  'admin.section.programs': 'Programmes',
  'admin.section.speciesLists': 'Listes d’espèces',
  'admin.section.taxonomy': 'Taxonomie',
  'admin.section.areas': 'Zones',
  'admin.section.badges': 'Badges',
  'admin.section.users': 'Utilisateurs',
  'admin.section.moderation': 'Modération',
  'admin.section.settings': 'Réglages',
  'admin.section.pages': 'Pages',
  'admin.section.audit': 'Journal d’audit',
};
