import type { Section } from './en';
import type { adminCatalogueEn } from './admin-catalogue.en';

export const adminCatalogueFr: Section<typeof adminCatalogueEn> = {};
