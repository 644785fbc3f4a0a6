import type { Section } from './en';
import type { adminPeopleEn } from './admin-people.en';

export const adminPeopleFr: Section<typeof adminPeopleEn> = {};
