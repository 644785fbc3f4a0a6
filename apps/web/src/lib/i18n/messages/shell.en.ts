import type { Message } from '../translate.js';
import { loadErrorsEn } from './load-errors.en.js';
import { offlineEn } from './offline.en.js';

/**
 * The texts of every page (header, footer, offline bar, error page) and of the home page: all
 * that the home page downloads. Spread into en.ts; the catalogue tests check that the pages
 * loading only this part (lib/i18n/index.ts) use no other key.
 */
export const shellEn = {
  ...loadErrorsEn,
  ...offlineEn,
  'nav.skip': 'Skip to main content',
  'nav.footer': 'Site pages',
  'nav.about': 'About',
  'footer.credit': 'Powered by Citizen, open-source citizen science for biodiversity.',

  'home.intro':
    'Join a programme, explore what others have seen and help map the wildlife around you.',
  'nav.explore': 'Explore',
  'nav.menu': 'Menu',
  'nav.main': 'Main',
  'nav.programmes': 'Programmes',
  'nav.dashboard': 'My observations',
  'nav.account': 'My account',
  'nav.login': 'Log in',
  'nav.logout': 'Log out',
  'nav.register': 'Register',
  'nav.validation': 'Validation',
  'nav.admin': 'Administration',

  'notifications.title': 'Notifications',
  'notifications.unreadCount': {
    zero: 'No unread notification',
    one: '{count} unread notification',
    other: '{count} unread notifications',
  },
  'nav.language': 'Language',
  'error.title': 'Something went wrong',
  'error.notFoundTitle': 'Page not found',
  'error.notFound': 'This page does not exist, or no longer does.',
  'error.unavailable': 'The service is unavailable for a moment. Please try again shortly.',
  'error.unexpected': 'An unexpected error occurred.',
  'error.home': 'Back to the home page',

  'counts.observations': {
    zero: 'No observations',
    one: '{count} observation',
    other: '{count} observations',
  },
  'counts.species': { zero: 'No species', one: '{count} species', other: '{count} species' },
  'counts.observers': { zero: 'No observers', one: '{count} observer', other: '{count} observers' },
  'counts.programmes': {
    zero: 'No programmes',
    one: '{count} programme',
    other: '{count} programmes',
  },
  'home.seeProgrammes': 'See the programmes',
  'home.figures': 'Key figures',
  'home.programmes': 'Programmes',
  'home.noProgrammes': 'No programme is open yet. Please come back soon.',
  'home.takePart': 'Take part',
} satisfies Record<string, Message>;
