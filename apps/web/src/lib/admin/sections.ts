import type { MessageKey } from '$lib/i18n';

/** The back office's sections, in menu order: a path under /[lang]/admin and its label. */
export const ADMIN_SECTIONS: readonly { path: string; label: MessageKey }[] = [
  { path: '', label: 'admin.section.overview' },
  { path: '/programs', label: 'admin.section.programs' },
  { path: '/species-lists', label: 'admin.section.speciesLists' },
  { path: '/taxonomy', label: 'admin.section.taxonomy' },
  { path: '/sensitivity', label: 'admin.section.sensitivity' },
  { path: '/areas', label: 'admin.section.areas' },
  { path: '/badges', label: 'admin.section.badges' },
  { path: '/users', label: 'admin.section.users' },
  { path: '/moderation', label: 'admin.section.moderation' },
  { path: '/settings', label: 'admin.section.settings' },
  { path: '/pages', label: 'admin.section.pages' },
  { path: '/audit', label: 'admin.section.audit' },
];
