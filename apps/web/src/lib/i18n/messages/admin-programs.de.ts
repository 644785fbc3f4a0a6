import type { Section } from './en';
import type { adminProgramsEn } from './admin-programs.en';

export const adminProgramsDe: Section<typeof adminProgramsEn> = {};
