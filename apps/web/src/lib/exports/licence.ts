import { PHOTO_LICENCES } from '../contract';

const LEGAL_CODES: Record<(typeof PHOTO_LICENCES)[number], string> = {
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
};

export type KnownLicence = keyof typeof LEGAL_CODES;

export const isKnownLicence = (licence: string): licence is KnownLicence =>
  (PHOTO_LICENCES as readonly string[]).includes(licence);

/** The page describing a Creative Commons licence; null for another licence (free text). */
export const licenceUrl = (licence: string): string | null =>
  isKnownLicence(licence) ? LEGAL_CODES[licence] : null;
