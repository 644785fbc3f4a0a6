import type { Section } from './en';
import type { adminProgramsEn } from './admin-programs.en';

export const adminProgramsFr: Section<typeof adminProgramsEn> = {};
