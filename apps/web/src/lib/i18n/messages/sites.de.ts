import type { Section } from './en';
import type { sitesEn } from './sites.en';

export const sitesDe: Section<typeof sitesEn> = {};
