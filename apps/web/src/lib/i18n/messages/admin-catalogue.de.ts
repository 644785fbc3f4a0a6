import type { Section } from './en';
import type { adminCatalogueEn } from './admin-catalogue.en';

export const adminCatalogueDe: Section<typeof adminCatalogueEn> = {};
