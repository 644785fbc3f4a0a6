import type { Section } from './en';
import type { adminPeopleEn } from './admin-people.en';

export const adminPeopleDe: Section<typeof adminPeopleEn> = {};
