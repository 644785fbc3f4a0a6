import { Type, type Static } from 'typebox';
import { Locale } from './common.js';

/**
 * Accounts: registration, login sessions, profile, personal data and administration.
 *
 * Request bodies declare `additionalProperties: false`: the API's validator then *removes* any
 * other field (it never honours nor rejects it), so a client that sends e.g. `role` gains nothing.
 */

export const ROLES = ['observer', 'validator', 'admin'] as const;
export const Role = Type.Enum(ROLES);
export type Role = Static<typeof Role>;

export const DELETION_CHOICES = ['anonymise', 'delete'] as const;
export const DeletionChoice = Type.Enum(DELETION_CHOICES, {
  description:
    'anonymise: the observations stay, without their observer; delete: they are deleted with their photos',
});
export type DeletionChoice = Static<typeof DeletionChoice>;

/** Letters, digits, dot, dash and underscore; shown publicly and used in profile URLs. */
export const Username = Type.String({
  minLength: 3,
  maxLength: 30,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
});
export const Email = Type.String({ format: 'email', maxLength: 254 });
/** The strength rule is checked by the API (length, not a common password, not the username). */
export const Password = Type.String({ minLength: 1, maxLength: 200 });
export const PASSWORD_MIN_LENGTH = 10;
export const DisplayName = Type.String({ minLength: 1, maxLength: 80 });
/** A token from a link the API mailed. */
export const MailToken = Type.String({ minLength: 20, maxLength: 100 });

const body = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

/** What the registration form needs to know about this instance. */
export const AuthOptions = Type.Object({
  requireEmailConfirmation: Type.Boolean(),
  passwordMinLength: Type.Integer(),
  captcha: Type.Union([
    Type.Object({
      provider: Type.Union([Type.Literal('hcaptcha'), Type.Literal('turnstile')]),
      siteKey: Type.String(),
    }),
    Type.Null(),
  ]),
  accountDeletionDefault: DeletionChoice,
});
export type AuthOptions = Static<typeof AuthOptions>;

export const RegisterRequest = body({
  username: Username,
  email: Email,
  password: Password,
  acceptTerms: Type.Literal(true, { description: 'The user accepted the terms of use' }),
  displayName: Type.Optional(DisplayName),
  locale: Type.Optional(Locale),
  captchaToken: Type.Optional(Type.String({ maxLength: 4096 })),
});
export type RegisterRequest = Static<typeof RegisterRequest>;

/** The same answer whether or not the e-mail address already had an account. */
export const MessageResponse = Type.Object({ message: Type.String() });
export type MessageResponse = Static<typeof MessageResponse>;

export const RegisterResponse = Type.Object({
  message: Type.String(),
  /** true: the user must open the link mailed to them before logging in. */
  confirmationRequired: Type.Boolean(),
});
export type RegisterResponse = Static<typeof RegisterResponse>;

export const TokenRequest = body({ token: MailToken });
export type TokenRequest = Static<typeof TokenRequest>;

export const EmailRequest = body({ email: Email });
export type EmailRequest = Static<typeof EmailRequest>;

export const LoginRequest = body({
  /** The e-mail address or the username. */
  login: Type.String({ minLength: 1, maxLength: 254 }),
  password: Password,
  /**
   * true (the web app): the tokens are set as httpOnly cookies and left out of the body;
   * false (API clients): they are returned in the body, to send as `Authorization: Bearer`.
   */
  cookie: Type.Optional(Type.Boolean()),
});
export type LoginRequest = Static<typeof LoginRequest>;

export const RefreshRequest = body({
  /** For bearer clients; the web app sends nothing and the refresh cookie is used. */
  refreshToken: Type.Optional(Type.String({ minLength: 20, maxLength: 100 })),
});
export type RefreshRequest = Static<typeof RefreshRequest>;

/** The signed-in user's own account: the only response that carries their e-mail address. */
export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  locale: Locale,
  notifications: Type.Boolean(),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  emailConfirmed: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Me = Static<typeof Me>;

export const AuthSession = Type.Object({
  user: Me,
  accessExpiresAt: Type.String({ format: 'date-time' }),
  refreshExpiresAt: Type.String({ format: 'date-time' }),
  /** Only for bearer clients (`cookie` not set at login). */
  accessToken: Type.Optional(Type.String()),
  refreshToken: Type.Optional(Type.String()),
});
export type AuthSession = Static<typeof AuthSession>;

export const UpdateMeRequest = body({
  displayName: Type.Optional(Type.Union([DisplayName, Type.Null()])),
  locale: Type.Optional(Locale),
  /** Opt-in to e-mails about one's observations (validation, badges). */
  notifications: Type.Optional(Type.Boolean()),
});
export type UpdateMeRequest = Static<typeof UpdateMeRequest>;

export const ChangePasswordRequest = body({
  currentPassword: Password,
  newPassword: Password,
});
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const ChangeEmailRequest = body({
  newEmail: Email,
  password: Password,
});
export type ChangeEmailRequest = Static<typeof ChangeEmailRequest>;

export const ResetPasswordRequest = body({
  token: MailToken,
  password: Password,
});
export type ResetPasswordRequest = Static<typeof ResetPasswordRequest>;

export const DeleteAccountRequest = body({
  password: Password,
  /** Left out: the instance's default (see AuthOptions.accountDeletionDefault). */
  observations: Type.Optional(DeletionChoice),
});
export type DeleteAccountRequest = Static<typeof DeleteAccountRequest>;

export const EXPORT_FORMATS = ['json', 'csv', 'zip'] as const;
export const ExportQuery = Type.Object({
  format: Type.Enum(EXPORT_FORMATS, { default: 'json' }),
});
export type ExportQuery = Static<typeof ExportQuery>;

/** What anyone may see of a user: never an e-mail address. */
export const PublicProfile = Type.Object({
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  memberSince: Type.String({ format: 'date' }),
  observationCount: Type.Integer(),
});
export type PublicProfile = Static<typeof PublicProfile>;

export const UsernameParams = Type.Object({ username: Type.String({ maxLength: 60 }) });

/** An account as administrators see it. */
export const AdminUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  active: Type.Boolean(),
  emailConfirmed: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  /** Observations recorded by the account. */
  observationCount: Type.Integer(),
});
export type AdminUser = Static<typeof AdminUser>;

/** What an account contributed: observations (by validation status), photos, expert work. */
export const AccountContributions = Type.Object({
  observations: Type.Integer(),
  /** Observations per validation status (pending, certain, probable, doubtful, invalid). */
  byStatus: Type.Record(Type.String(), Type.Integer()),
  hiddenObservations: Type.Integer(),
  photos: Type.Integer(),
  /** Validations and re-identifications this account made as an expert. */
  validationsGiven: Type.Integer(),
  firstObservedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  lastObservedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  programs: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), observations: Type.Integer() }),
  ),
});
export type AccountContributions = Static<typeof AccountContributions>;

export const AdminUserDetail = Type.Intersect([
  AdminUser,
  Type.Object({ contributions: AccountContributions }),
]);
export type AdminUserDetail = Static<typeof AdminUserDetail>;

export const AdminUserQuery = Type.Object({
  /** Part of the username, display name or e-mail address. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(Role),
  /** true: active accounts only; false: deactivated ones only. */
  active: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type AdminUserQuery = Static<typeof AdminUserQuery>;

export const AdminUserList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(AdminUser),
});
export type AdminUserList = Static<typeof AdminUserList>;

export const AdminUserPatch = body({
  role: Type.Optional(Role),
  /** false: the account can no longer log in and all its sessions end at once. */
  active: Type.Optional(Type.Boolean()),
});
export type AdminUserPatch = Static<typeof AdminUserPatch>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  event: Type.String(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  /** Who did it (an administrator or validator), when that is someone else than `username`. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object({
  userId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Who did it. */
  actorId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** One event, or several separated by commas. */
  event: Type.Optional(Type.String({ maxLength: 600 })),
  /** Entries at or after this moment (a date is the start of that day, UTC). */
  from: Type.Optional(Type.String({ maxLength: 40 })),
  /** Entries before this moment (a date: up to the end of that day, UTC). */
  to: Type.Optional(Type.String({ maxLength: 40 })),
  /** Entries older than this id (to page backwards). */
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditList = Type.Object({
  items: Type.Array(AuditEntry),
  /** The `before` that gives the next (older) page, or null at the end. */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditList = Static<typeof AuditList>;

/**
 * The session cookies the API sets for the web app. Behind https they carry the `__Host-` prefix
 * (the browser then only accepts them from this exact host, Secure, for the whole site).
 */
export function sessionCookieNames(publicUrl: string): { access: string; refresh: string } {
  const prefix = publicUrl.startsWith('https:') ? '__Host-' : '';
  return { access: `${prefix}citizen_access`, refresh: `${prefix}citizen_refresh` };
}
