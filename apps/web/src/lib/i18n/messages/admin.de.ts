import type { Section } from './en.js';
import type { adminEn } from './admin.en.js';
import { adminProgramsDe } from './admin-programs.de.js';
import { adminCatalogueDe } from './admin-catalogue.de.js';
import { adminPeopleDe } from './admin-people.de.js';
import { adminSensitivityDe } from './admin-sensitivity.de.js';

export const adminDe: Section<typeof adminEn> = {
  ...adminProgramsDe,
  ...adminCatalogueDe,
  ...adminPeopleDe,
  ...adminSensitivityDe,
  'admin.title': 'Verwaltung',
  'admin.nav': 'Verwaltungsbereiche',
  'admin.intro':
    'Die Website verwalten: Programme, Arten, Personen und Einstellungen. Jede Änderung wird protokolliert und gilt sofort.',
  'admin.section.overview': 'Übersicht',
  'admin.section.programs': 'Programme',
  'admin.section.speciesLists': 'Artenlisten',
  'admin.section.taxonomy': 'Taxonomie',
  'admin.section.areas': 'Gebiete',
  'admin.section.badges': 'Abzeichen',
  'admin.section.users': 'Benutzer',
  'admin.section.moderation': 'Moderation',
  'admin.section.settings': 'Einstellungen',
  'admin.section.pages': 'Seiten',
  'admin.section.audit': 'Prüfprotokoll',
};
