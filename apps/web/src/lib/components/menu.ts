import type { LocalizedText } from '@citizen/shared';

/** A custom page listed in the site menu. */
export interface MenuEntry {
  slug: string;
  title: LocalizedText;
  position: number;
}
