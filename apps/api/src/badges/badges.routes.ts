import { Type } from 'typebox';
import {
  AdminBadgeRule,
  AdminBadgeRules,
  BadgeRecomputeReport,
  BadgeRule,
  BadgeRuleInput,
  BadgeRulePatch,
  BadgeTaxonGroupQuery,
  BadgeTaxonGroups,
  ErrorResponse,
  IdParams,
  Leaderboard,
  LeaderboardPreference,
  LeaderboardQuery,
  MyBadges,
  ProgramBadgeSettings,
  UserBadges,
  UsernameParams,
} from '@citizen/shared';
import { actionRecorder, recordAction } from '../audit/record-action.js';
import { onlyFor, requireRole, requireUser } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
};

/**
 * Badges: public pages and leaderboards, my badges, and the rules (administrators; their every
 * change goes to the audit log).
 */
export function badgesRoutes(app: App, services: Services) {
  const { badges, badgeRules, photos, config } = services;
  const tags = ['badges'];
  const adminTags = ['admin: badges'];

  app.get(
    '/badges',
    {
      schema: {
        tags,
        summary: 'Every badge one can earn, and how (404 when badges are off on this instance)',
        response: { 200: Type.Object({ items: Type.Array(BadgeRule) }), 404: ErrorResponse },
      },
    },
    async () => ({ items: await badgeRules.publicRules() }),
  );

  app.get(
    '/users/:username/badges',
    {
      schema: {
        tags,
        summary: "A user's badges (public; no e-mail address)",
        params: UsernameParams,
        response: { 200: UserBadges, 404: ErrorResponse },
      },
    },
    async (request) => badges.userBadges(request.params.username),
  );

  app.get(
    '/me/badges',
    {
      schema: {
        tags,
        summary: 'My badges, my progress towards the others, and my leaderboard preference',
        response: { 200: MyBadges, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return badges.myBadges(requireUser(request).id);
    },
  );

  app.put(
    '/me/leaderboard-preference',
    {
      schema: {
        tags,
        summary: 'Hide me from (or show me on) every leaderboard',
        body: LeaderboardPreference,
        response: { 200: LeaderboardPreference, ...errors },
      },
    },
    async (request) =>
      badges.setLeaderboardPreference(requireUser(request).id, request.body.hideFromLeaderboards),
  );

  app.get(
    '/programs/:id/leaderboard',
    {
      schema: {
        tags,
        summary:
          "A programme's leaderboard, where it has one (users who opted out are never listed)",
        params: IdParams,
        querystring: LeaderboardQuery,
        response: { 200: Leaderboard, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return badges.leaderboard(request.params.id, request.query);
    },
  );

  app.get(
    '/programs/:id/badge-settings',
    {
      schema: {
        tags,
        summary:
          "Whether a programme's observations and visits count towards badges, and whether it shows a leaderboard (both false when badges are off on this instance)",
        params: IdParams,
        response: { 200: ProgramBadgeSettings, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return badges.publicProgramSettings(request.params.id);
    },
  );

  // Administration.

  app.get(
    '/admin/badges/rules',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Every badge rule, active or not, with its number of holders',
        description:
          '`enabled` tells whether badges are on for the instance (BADGES_ENABLED): off, rules can be edited but nobody earns them.',
        response: { 200: AdminBadgeRules, ...errors },
      },
    },
    async () => ({ items: await badgeRules.listRules(), enabled: badges.enabled }),
  );

  app.get(
    '/admin/badges/taxon-groups',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: "The taxonomy's classes, orders or families, for a taxonomic rule's taxonName",
        querystring: BadgeTaxonGroupQuery,
        response: { 200: BadgeTaxonGroups, ...errors },
      },
    },
    async (request) => ({ items: await badgeRules.taxonGroups(request.query) }),
  );

  app.post(
    '/admin/badges/rules',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Create a badge rule; users who already meet it get the badge',
        body: BadgeRuleInput,
        response: { 201: AdminBadgeRule, ...errors },
      },
    },
    async (request, reply) => {
      const rule = await badgeRules.createRule(request.body);
      await recordAction(services, request, 'badge_rule_created', {
        badgeRuleId: rule.id,
        name: rule.name,
        kind: rule.kind,
        ...(rule.programId !== null && { programId: rule.programId }),
      });
      return reply.code(201).send(rule);
    },
  );

  app.patch(
    '/admin/badges/rules/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Change a badge rule; its awards are recomputed',
        params: IdParams,
        body: BadgeRulePatch,
        response: { 200: AdminBadgeRule, ...errors },
      },
    },
    async (request) => {
      const rule = await badgeRules.updateRule(request.params.id, request.body);
      await recordAction(services, request, 'badge_rule_updated', {
        badgeRuleId: rule.id,
        name: rule.name,
        fields: Object.keys(request.body),
      });
      return rule;
    },
  );

  app.delete(
    '/admin/badges/rules/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Delete a badge rule and every award of it',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const rule = await badgeRules.getRule(request.params.id);
      await badgeRules.deleteRule(rule.id);
      await recordAction(services, request, 'badge_rule_deleted', {
        badgeRuleId: rule.id,
        name: rule.name,
        kind: rule.kind,
        holders: rule.holders,
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/admin/badges/rules/:id/picture',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: "Upload a badge's picture (multipart field `file`; JPEG, PNG, WebP or AVIF)",
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: AdminBadgeRule, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const rule = await badgeRules.getRule(request.params.id);
      const { files } = await readUploads(request, {
        maxFiles: 1,
        maxBytes: config.photos.maxBytes,
      });
      const [file] = files;
      if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
      await photos.saveWith(
        [{ bytes: file.bytes, filename: file.filename, licence: 'CC0-1.0', author: null }],
        admin.id,
        async (trx, [mediaId]) => {
          await badgeRules.setPicture(trx, rule.id, mediaId!);
          await actionRecorder(services, request)(trx, 'badge_rule_updated', {
            badgeRuleId: rule.id,
            name: rule.name,
            fields: ['picture'],
          });
        },
      );
      return badgeRules.getRule(request.params.id);
    },
  );

  app.post(
    '/admin/badges/recompute',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Rebuild every award from the data (as the recompute-badges command does)',
        response: { 200: BadgeRecomputeReport, ...errors },
      },
    },
    async (request) => {
      badges.requireEnabled();
      const report = await badges.recompute();
      await recordAction(services, request, 'badges_recomputed', {
        users: report.users,
        awarded: report.awarded,
        withdrawn: report.withdrawn,
        held: report.held,
      });
      return report;
    },
  );

  app.get(
    '/admin/programs/:id/badge-settings',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: "A programme's part in badges and whether it shows a leaderboard",
        params: IdParams,
        response: { 200: ProgramBadgeSettings, ...errors },
      },
    },
    async (request) => badges.programSettings(request.params.id),
  );

  app.patch(
    '/admin/programs/:id/badge-settings',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary:
          "Change a programme's part in badges (awards are rebuilt) or its leaderboard switch",
        params: IdParams,
        body: Type.Partial(ProgramBadgeSettings),
        response: { 200: ProgramBadgeSettings, ...errors },
      },
    },
    async (request) => {
      const settings = await badges.setProgramSettings(request.params.id, request.body);
      await recordAction(services, request, 'program_badge_settings_updated', {
        programId: request.params.id,
        fields: Object.keys(request.body),
        ...settings,
      });
      return settings;
    },
  );
}
