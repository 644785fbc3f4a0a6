import {
  ErrorResponse,
  MarkNotificationsRead,
  NotificationList,
  NotificationListQuery,
  NotificationMailPreferences,
  UnreadCount,
} from '@citizen/shared';
import { requireUser } from '../auth/guards.js';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse };

/** My notifications (judgements, questions, badges) and which of them I also get by e-mail. */
export function notificationsRoutes(app: App, { notifications }: Services) {
  const tags = ['notifications'];

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with how many are unread',
        querystring: NotificationListQuery,
        response: { 200: NotificationList, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return notifications.list(requireUser(request).id, request.query);
    },
  );

  app.get(
    '/me/notifications/unread',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread (the counter in the header)',
        response: { 200: UnreadCount, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return { unread: await notifications.unread(requireUser(request).id) };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark some of my notifications (or all of them) read',
        body: MarkNotificationsRead,
        response: { 200: UnreadCount, ...errors },
      },
    },
    async (request) => ({
      unread: await notifications.markRead(requireUser(request).id, request.body.ids),
    }),
  );

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Which notifications I also get by e-mail',
        response: { 200: NotificationMailPreferences, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return notifications.mailPreferences(requireUser(request).id);
    },
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Choose which notifications I also get by e-mail',
        body: NotificationMailPreferences,
        response: { 200: NotificationMailPreferences, ...errors },
      },
    },
    async (request) => notifications.setMailPreferences(requireUser(request).id, request.body),
  );
}
