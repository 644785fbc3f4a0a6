import { sql, type Expression } from 'kysely';
import type { Locale } from '@citizen/shared';

/**
 * SQL for a taxon's display name in `lang`: its preferred vernacular name in that language,
 * else another vernacular name in it, else the scientific name.
 */
export function displayName(
  cdNom: Expression<number>,
  scientificName: Expression<string>,
  lang: Locale,
) {
  return sql<string>`coalesce(
    (select vn.name from vernacular_names vn
      where vn.cd_nom = ${cdNom} and vn.lang = ${lang}
      order by vn.is_preferred desc, vn.id limit 1),
    ${scientificName})`;
}
