import type { Message } from '../translate.js';
import { adminProgramsEn } from './admin-programs.en.js';
import { adminCatalogueEn } from './admin-catalogue.en.js';
import { adminPeopleEn } from './admin-people.en.js';
import { adminSensitivityEn } from './admin-sensitivity.en.js';

/**
 * The back office's texts in English, downloaded only by the admin pages (their layout loads
 * them). admin.fr.ts and admin.de.ts must have exactly the same keys.
 */
export const adminEn = {
  ...adminProgramsEn,
  ...adminCatalogueEn,
  ...adminPeopleEn,
  ...adminSensitivityEn,
  'admin.title': 'Administration',
  'admin.nav': 'Administration sections',
  'admin.intro':
    'Run the site: programmes, species, people and settings. Every change is logged and takes effect at once.',
  'admin.section.overview': 'Overview',
  'admin.section.programs': 'Programmes',
  'admin.section.speciesLists': 'Species lists',
  'admin.section.taxonomy': 'Taxonomy',
  'admin.section.areas': 'Areas',
  'admin.section.badges': 'Badges',
  'admin.section.users': 'Users',
  'admin.section.moderation': 'Moderation',
  'admin.section.settings': 'Settings',
  'admin.section.pages': 'Pages',
  'admin.section.audit': 'Audit log',
} satisfies Record<string, Message>;
