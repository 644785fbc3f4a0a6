import type { BadgeName, BadgeRule, EarnedBadge } from '@citizen/shared';
import { photoUrls } from '../media/photos.service.js';
import type { RuleRow } from './badges.repository.js';

/** Badge rules and earned badges as the API shows them. */
export function toRule(row: RuleRow): BadgeRule {
  return {
    id: Number(row.id),
    kind: row.kind,
    programId: row.program_id === null ? null : Number(row.program_id),
    taxonRank: row.taxon_rank,
    taxonName: row.taxon_name,
    threshold: row.threshold,
    level: row.level,
    name: row.name as BadgeName,
    description: (row.description ?? {}) as BadgeRule['description'],
    pictureUrl: row.picture_media_id ? photoUrls(row.picture_media_id).displayUrl : row.picture_url,
    active: row.is_active,
  };
}

export const earned = (row: RuleRow & { awarded_at: Date }): EarnedBadge => ({
  ...toRule(row),
  awardedAt: new Date(row.awarded_at).toISOString(),
});
