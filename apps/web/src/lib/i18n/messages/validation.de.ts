import type { Section } from './en';
import type { validationEn } from './validation.en';

export const validationDe: Section<typeof validationEn> = {};
