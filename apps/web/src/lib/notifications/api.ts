import type { Locale, NotificationMailPreferences } from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

export const NOTIFICATIONS_PAGE_SIZE = 30;

export const listNotifications = (fetch: Fetch, lang: Locale, before?: number) =>
  getJson(fetch, '/api/me/notifications', {
    query: { lang, limit: NOTIFICATIONS_PAGE_SIZE, ...(before !== undefined && { before }) },
  });

export const moreNotifications = (fetch: Fetch, lang: Locale, before: number) =>
  request(fetch, 'GET', '/api/me/notifications', {
    query: { lang, limit: NOTIFICATIONS_PAGE_SIZE, before },
  });

export const unreadNotifications = (fetch: Fetch) =>
  request(fetch, 'GET', '/api/me/notifications/unread');

/** Marks `ids` read (all mine when absent); answers how many remain unread. */
export const markNotificationsRead = (fetch: Fetch, ids?: number[]) =>
  request(fetch, 'POST', '/api/me/notifications/read', { body: ids ? { ids } : {} });

export const getMailPreferences = (fetch: Fetch) =>
  request(fetch, 'GET', '/api/me/notification-preferences');

export const saveMailPreferences = (fetch: Fetch, preferences: NotificationMailPreferences) =>
  request(fetch, 'PUT', '/api/me/notification-preferences', { body: preferences });
