import { Type, type Static } from 'typebox';
import { Locale } from './common.js';
import { ValidationStatus } from './observations.js';

export const NOTIFICATION_KINDS = ['validated', 'reidentified', 'question', 'badge'] as const;

/** Something that happened to the reader's observations or badges. */
export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(NOTIFICATION_KINDS),
  /** The observation judged, re-identified or asked about; null for a badge. */
  observation: Type.Union([
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      /** The taxon's name in the asked language (after a re-identification, the new one). */
      taxon: Type.String(),
      observedOn: Type.String({ format: 'date' }),
    }),
    Type.Null(),
  ]),
  /** The status a judgement gave; null otherwise. */
  status: Type.Union([ValidationStatus, Type.Null()]),
  /** The validator's comment or question. */
  comment: Type.Union([Type.String(), Type.Null()]),
  /** The badge earned, by its name in the asked language; null for an observation. */
  badge: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
export type Notification = Static<typeof Notification>;

export const NotificationListQuery = Type.Object({
  /** Only those with a smaller id: the previous page's last id. */
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  lang: Type.Optional(Locale),
});
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const NotificationList = Type.Object({
  items: Type.Array(Notification),
  unread: Type.Integer({ description: 'How many of all my notifications are unread' }),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type NotificationList = Static<typeof NotificationList>;

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;

export const MarkNotificationsRead = Type.Object({
  /** The notifications to mark read (others' ids are ignored); absent: all of mine. */
  ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200 })),
});
export type MarkNotificationsRead = Static<typeof MarkNotificationsRead>;

/** Which notifications are also sent by e-mail, in the reader's language. */
export const NotificationMailPreferences = Type.Object({
  /** A validator judged or re-identified one of my observations (off by default). */
  judgements: Type.Boolean(),
  /** A validator asked a question about one of my observations (on by default). */
  questions: Type.Boolean(),
  /** I earned a badge (off by default). */
  badges: Type.Boolean(),
});
export type NotificationMailPreferences = Static<typeof NotificationMailPreferences>;
