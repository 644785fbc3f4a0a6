import { Type, type Static } from 'typebox';

/**
 * Badges (an optional module: BADGES_ENABLED on the instance, and a flag per programme). Rules
 * are edited by administrators; a user earns a rule's badge when their count reaches its
 * threshold, and loses it when the count falls below.
 */
export const BADGE_KINDS = [
  'total_observations',
  'program_observations',
  'seniority',
  'taxon_species',
  'site_visits',
] as const;
export const BadgeKind = Type.Enum(BADGE_KINDS, {
  description:
    'total_observations: observations anywhere; program_observations: in one programme; ' +
    'seniority: days since the account was created; taxon_species: distinct species of a class, ' +
    'order or family; site_visits: site visits (in one programme, or anywhere)',
});
export type BadgeKind = Static<typeof BadgeKind>;

export const TAXON_RANKS = ['class', 'order', 'family'] as const;
export const BadgeTaxonRank = Type.Enum(TAXON_RANKS);
export type BadgeTaxonRank = Static<typeof BadgeTaxonRank>;

/** A text in each language of the platform; at least one. */
export const BadgeName = Type.Object(
  {
    fr: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    en: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    de: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type BadgeName = Static<typeof BadgeName>;

const BadgeDescription = Type.Object(
  {
    fr: Type.Optional(Type.String({ maxLength: 2000 })),
    en: Type.Optional(Type.String({ maxLength: 2000 })),
    de: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const BadgeRuleInput = Type.Object({
  kind: BadgeKind,
  /** program_observations: required; taxon_species and site_visits: optional; others: none. */
  programId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  /** taxon_species only: the rank and the name of the group, as in the taxonomy ("Aves"). */
  taxonRank: Type.Optional(Type.Union([BadgeTaxonRank, Type.Null()])),
  taxonName: Type.Optional(
    Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
  ),
  /** A count (observations, species, visits), or days for seniority. */
  threshold: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  name: BadgeName,
  description: Type.Optional(BadgeDescription),
  /** An uploaded image (see PUT /api/admin/badges/rules/:id/picture) or an image URL. */
  pictureMediaId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  pictureUrl: Type.Optional(
    Type.Union([Type.String({ pattern: '^(https?://|/)', maxLength: 2000 }), Type.Null()]),
  ),
  active: Type.Optional(Type.Boolean()),
});
export type BadgeRuleInput = Static<typeof BadgeRuleInput>;

export const BadgeRulePatch = Type.Partial(BadgeRuleInput);
export type BadgeRulePatch = Static<typeof BadgeRulePatch>;

/** A rule as everyone sees it: what a badge is and how to earn it. */
export const BadgeRule = Type.Object({
  id: Type.Integer(),
  kind: BadgeKind,
  programId: Type.Union([Type.Integer(), Type.Null()]),
  taxonRank: Type.Union([BadgeTaxonRank, Type.Null()]),
  taxonName: Type.Union([Type.String(), Type.Null()]),
  threshold: Type.Integer(),
  level: Type.Integer(),
  name: BadgeName,
  description: BadgeDescription,
  pictureUrl: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type BadgeRule = Static<typeof BadgeRule>;

export const AdminBadgeRule = Type.Object({
  ...BadgeRule.properties,
  pictureMediaId: Type.Union([Type.String(), Type.Null()]),
  /** How many users hold it. */
  holders: Type.Integer(),
});
export type AdminBadgeRule = Static<typeof AdminBadgeRule>;

/** GET /api/admin/badges/rules: every rule, and whether badges are on for the instance. */
export const AdminBadgeRules = Type.Object({
  items: Type.Array(AdminBadgeRule),
  /** BADGES_ENABLED: off, rules can be edited but nobody earns badges and recompute is refused. */
  enabled: Type.Boolean(),
});
export type AdminBadgeRules = Static<typeof AdminBadgeRules>;

/** The classes, orders or families of the taxonomy, for a taxon_species rule's taxonName. */
export const BadgeTaxonGroupQuery = Type.Object({
  rank: BadgeTaxonRank,
  /** The start of the name (case-insensitive); all when left out. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type BadgeTaxonGroupQuery = Static<typeof BadgeTaxonGroupQuery>;

export const BadgeTaxonGroups = Type.Object({
  items: Type.Array(
    Type.Object({
      /** As the rule's taxonName must give it (exact spelling). */
      name: Type.String(),
      /** Accepted species (and subspecies) of the group in the taxonomy. */
      species: Type.Integer(),
    }),
  ),
});
export type BadgeTaxonGroups = Static<typeof BadgeTaxonGroups>;

/** A badge a user holds. */
export const EarnedBadge = Type.Object({
  ...BadgeRule.properties,
  awardedAt: Type.String({ format: 'date-time' }),
});
export type EarnedBadge = Static<typeof EarnedBadge>;

/** GET /api/users/:username/badges: public, no e-mail. */
export const UserBadges = Type.Object({
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  badges: Type.Array(EarnedBadge),
});
export type UserBadges = Static<typeof UserBadges>;

/** GET /api/me/badges: mine, with how far I am from the badges I do not hold yet. */
export const MyBadges = Type.Object({
  badges: Type.Array(EarnedBadge),
  progress: Type.Array(
    Type.Object({ rule: BadgeRule, current: Type.Integer(), threshold: Type.Integer() }),
  ),
  hideFromLeaderboards: Type.Boolean(),
});
export type MyBadges = Static<typeof MyBadges>;

export const LeaderboardPreference = Type.Object({ hideFromLeaderboards: Type.Boolean() });
export type LeaderboardPreference = Static<typeof LeaderboardPreference>;

export const LeaderboardQuery = Type.Object({
  by: Type.Enum(['observations', 'species', 'visits'] as const, { default: 'observations' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type LeaderboardQuery = Static<typeof LeaderboardQuery>;

export const Leaderboard = Type.Object({
  programId: Type.Integer(),
  by: Type.Enum(['observations', 'species', 'visits'] as const),
  items: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      username: Type.String(),
      displayName: Type.Union([Type.String(), Type.Null()]),
      count: Type.Integer(),
    }),
  ),
});
export type Leaderboard = Static<typeof Leaderboard>;

/** A programme's part in badges (admins). */
export const ProgramBadgeSettings = Type.Object({
  /** Its observations and visits count towards badges. */
  badgesEnabled: Type.Boolean(),
  leaderboardEnabled: Type.Boolean(),
});
export type ProgramBadgeSettings = Static<typeof ProgramBadgeSettings>;

export const BadgeRecomputeReport = Type.Object({
  users: Type.Integer({ description: 'Users holding at least one badge afterwards' }),
  awarded: Type.Integer(),
  withdrawn: Type.Integer(),
  held: Type.Integer({ description: 'Badges held afterwards' }),
  milliseconds: Type.Integer(),
});
export type BadgeRecomputeReport = Static<typeof BadgeRecomputeReport>;

/** Badges earned by the change just made, to announce once (create/update responses). */
export const NewBadges = Type.Array(EarnedBadge);
