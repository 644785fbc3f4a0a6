import type { EditedField, Locale } from '@citizen/shared';

/** A mail ready to queue: the plain-text part is always there, the HTML part mirrors it. */
export type MailContent = { subject: string; text: string; html: string };

type Vars = { siteName: string; username: string };

/** Every mail the accounts domain sends, with what each one needs. */
export type MailTemplates = {
  confirmEmail: Vars & { link: string; hours: number };
  alreadyRegistered: Vars & { siteUrl: string };
  resetPassword: Vars & { link: string; minutes: number };
  passwordChanged: Vars & { siteUrl: string };
  confirmEmailChange: Vars & { link: string; hours: number };
  emailChangeRequested: Vars & { newEmail: string };
  emailInUse: Vars & { siteUrl: string };
  emailChanged: Vars & { newEmail: string };
  accountDeleted: Vars & { observations: 'anonymise' | 'delete' };
  /** An expert judged, re-identified or asked about one of the reader's observations. */
  observationReviewed: Vars & {
    taxon: string;
    date: string;
    kind: 'validated' | 'reidentified' | 'question';
    status: string | null;
    comment: string | null;
    link: string;
  };
  /** The observer changed an observation the reader judged: it is back in the queue. */
  judgedObservationChanged: Vars & {
    taxon: string;
    date: string;
    changed: EditedField[];
    link: string;
  };
  /** The reader earned a badge (sent only to those who asked for it). */
  badgeEarned: Vars & { badge: string; link: string };
};
export type MailTemplate = keyof MailTemplates;

/** A mail as paragraphs and at most one link button; text and HTML are both made from it. */
type Content = { subject: string; paragraphs: string[]; action?: { label: string; url: string } };

type Texts = { [K in MailTemplate]: (v: MailTemplates[K]) => Content };

const FOOTER: Record<Locale, (siteName: string) => string> = {
  fr: (site) => `Ce message automatique vous est envoyé par ${site}. Merci de ne pas y répondre.`,
  en: (site) => `This automatic message was sent by ${site}. Please do not reply to it.`,
  de: (site) =>
    `Diese automatische Nachricht wurde von ${site} gesendet. Bitte antworten Sie nicht darauf.`,
};

const STATUS_FR: Record<string, string> = {
  pending: 'à valider',
  certain: 'certaine',
  probable: 'probable',
  doubtful: 'douteuse',
  invalid: 'invalide',
  not_assessable: 'non évaluable',
};
const STATUS_EN: Record<string, string> = {
  pending: 'awaiting review',
  certain: 'certain',
  probable: 'probable',
  doubtful: 'doubtful',
  invalid: 'invalid',
  not_assessable: 'not assessable',
};
const STATUS_DE: Record<string, string> = {
  pending: 'ungeprüft',
  certain: 'sicher',
  probable: 'wahrscheinlich',
  doubtful: 'zweifelhaft',
  invalid: 'ungültig',
  not_assessable: 'nicht beurteilbar',
};

const FIELDS: Record<Locale, Record<EditedField, string>> = {
  fr: {
    taxon: 'le taxon',
    date: 'la date',
    place: 'le lieu',
    count: 'le nombre',
    photos: 'les photos',
  },
  en: {
    taxon: 'the taxon',
    date: 'the date',
    place: 'the place',
    count: 'the count',
    photos: 'the photos',
  },
  de: {
    taxon: 'das Taxon',
    date: 'das Datum',
    place: 'den Ort',
    count: 'die Anzahl',
    photos: 'die Fotos',
  },
};
const fieldList = (locale: Locale, changed: EditedField[]) =>
  changed.map((field) => FIELDS[locale][field]).join(', ');

const TEXTS: Record<Locale, Texts> = {
  fr: {
    confirmEmail: (v) => ({
      subject: `[${v.siteName}] Confirmez votre adresse e-mail`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `Merci de votre inscription sur ${v.siteName}. Pour activer votre compte, confirmez votre adresse e-mail avec le lien ci-dessous (valable ${v.hours} heures, une seule fois).`,
        `Si vous n'avez pas créé de compte, ignorez ce message.`,
      ],
      action: { label: 'Confirmer mon adresse', url: v.link },
    }),
    alreadyRegistered: (v) => ({
      subject: `[${v.siteName}] Vous avez déjà un compte`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `Quelqu'un (sans doute vous) a voulu créer un compte sur ${v.siteName} avec cette adresse e-mail, qui a déjà un compte. Connectez-vous avec votre nom d'utilisateur ${v.username} ; si vous avez oublié votre mot de passe, utilisez « Mot de passe oublié ».`,
        `Si ce n'était pas vous, ignorez ce message : rien n'a changé.`,
      ],
      action: { label: `Aller sur ${v.siteName}`, url: v.siteUrl },
    }),
    resetPassword: (v) => ({
      subject: `[${v.siteName}] Choisir un nouveau mot de passe`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `Une demande de nouveau mot de passe a été faite pour votre compte. Le lien ci-dessous vous permet d'en choisir un ; il est valable ${v.minutes} minutes et une seule fois.`,
        `Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.`,
      ],
      action: { label: 'Choisir un mot de passe', url: v.link },
    }),
    passwordChanged: (v) => ({
      subject: `[${v.siteName}] Votre mot de passe a été changé`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `Le mot de passe de votre compte vient d'être changé, et vos autres sessions ont été fermées.`,
        `Si ce n'était pas vous, demandez tout de suite un nouveau mot de passe avec « Mot de passe oublié ».`,
      ],
      action: { label: `Aller sur ${v.siteName}`, url: v.siteUrl },
    }),
    confirmEmailChange: (v) => ({
      subject: `[${v.siteName}] Confirmez votre nouvelle adresse e-mail`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `Vous avez demandé à utiliser cette adresse pour votre compte. Confirmez-la avec le lien ci-dessous (valable ${v.hours} heures, une seule fois) ; d'ici là, votre ancienne adresse reste en place.`,
      ],
      action: { label: 'Confirmer cette adresse', url: v.link },
    }),
    emailChangeRequested: (v) => ({
      subject: `[${v.siteName}] Changement d'adresse e-mail demandé`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `Une demande a été faite pour remplacer l'adresse e-mail de votre compte par ${v.newEmail}. Elle ne prendra effet qu'une fois la nouvelle adresse confirmée.`,
        `Si ce n'était pas vous, changez votre mot de passe.`,
      ],
    }),
    emailInUse: (v) => ({
      subject: `[${v.siteName}] Cette adresse a déjà un compte`,
      paragraphs: [
        `Bonjour,`,
        `Quelqu'un a demandé à utiliser cette adresse e-mail pour un compte sur ${v.siteName}, mais elle est déjà celle d'un autre compte. Rien n'a changé.`,
        `Si c'était vous, connectez-vous plutôt avec le compte qui utilise déjà cette adresse.`,
      ],
      action: { label: `Aller sur ${v.siteName}`, url: v.siteUrl },
    }),
    emailChanged: (v) => ({
      subject: `[${v.siteName}] Votre adresse e-mail a été changée`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `L'adresse e-mail de votre compte est désormais ${v.newEmail}. Les prochains messages y seront envoyés.`,
        `Si ce n'était pas vous, contactez les administrateurs du site.`,
      ],
    }),
    accountDeleted: (v) => ({
      subject: `[${v.siteName}] Votre compte a été supprimé`,
      paragraphs: [
        `Bonjour ${v.username},`,
        v.observations === 'delete'
          ? `Votre compte et toutes vos observations ont été supprimés.`
          : `Votre compte a été supprimé. Vos observations restent, sans votre nom.`,
        `Merci pour votre participation.`,
      ],
    }),
    observationReviewed: (v) => ({
      subject: `[${v.siteName}] Votre observation du ${v.date} a été examinée`,
      paragraphs: [
        `Bonjour ${v.username},`,
        v.kind === 'question'
          ? `Un validateur a une question sur votre observation de ${v.taxon} du ${v.date} :`
          : v.kind === 'reidentified'
            ? `Un validateur a réidentifié votre observation du ${v.date} : ${v.taxon}. Elle est jugée ${STATUS_FR[v.status ?? 'pending'] ?? v.status}.`
            : `Un validateur a examiné votre observation de ${v.taxon} du ${v.date} : elle est jugée ${STATUS_FR[v.status ?? 'pending'] ?? v.status}.`,
        ...(v.comment ? [`« ${v.comment} »`] : []),
      ],
      action: { label: v.kind === 'question' ? 'Répondre' : 'Voir mon observation', url: v.link },
    }),
    judgedObservationChanged: (v) => ({
      subject: `[${v.siteName}] Une observation que vous avez examinée a changé`,
      paragraphs: [
        `Bonjour ${v.username},`,
        `L'observateur a modifié ${fieldList('fr', v.changed)} de l'observation de ${v.taxon} du ${v.date} que vous aviez examinée. Elle est de nouveau à valider.`,
      ],
      action: { label: "Revoir l'observation", url: v.link },
    }),
    badgeEarned: (v) => ({
      subject: `[${v.siteName}] Nouveau badge : ${v.badge}`,
      paragraphs: [`Bonjour ${v.username},`, `Bravo, vous avez obtenu le badge « ${v.badge} ».`],
      action: { label: 'Voir mes notifications', url: v.link },
    }),
  },
  en: {
    confirmEmail: (v) => ({
      subject: `[${v.siteName}] Confirm your e-mail address`,
      paragraphs: [
        `Hello ${v.username},`,
        `Thank you for signing up to ${v.siteName}. To activate your account, confirm your e-mail address with the link below (valid for ${v.hours} hours, once).`,
        `If you did not create an account, ignore this message.`,
      ],
      action: { label: 'Confirm my address', url: v.link },
    }),
    alreadyRegistered: (v) => ({
      subject: `[${v.siteName}] You already have an account`,
      paragraphs: [
        `Hello ${v.username},`,
        `Someone (probably you) tried to create an account on ${v.siteName} with this e-mail address, which already has one. Log in with your username ${v.username}; if you forgot your password, use "Forgot password".`,
        `If it was not you, ignore this message: nothing has changed.`,
      ],
      action: { label: `Go to ${v.siteName}`, url: v.siteUrl },
    }),
    resetPassword: (v) => ({
      subject: `[${v.siteName}] Choose a new password`,
      paragraphs: [
        `Hello ${v.username},`,
        `A new password was requested for your account. The link below lets you choose one; it is valid for ${v.minutes} minutes, once.`,
        `If you did not ask for it, ignore this message: your current password still works.`,
      ],
      action: { label: 'Choose a password', url: v.link },
    }),
    passwordChanged: (v) => ({
      subject: `[${v.siteName}] Your password was changed`,
      paragraphs: [
        `Hello ${v.username},`,
        `The password of your account was just changed, and your other sessions were logged out.`,
        `If it was not you, ask for a new password at once with "Forgot password".`,
      ],
      action: { label: `Go to ${v.siteName}`, url: v.siteUrl },
    }),
    confirmEmailChange: (v) => ({
      subject: `[${v.siteName}] Confirm your new e-mail address`,
      paragraphs: [
        `Hello ${v.username},`,
        `You asked to use this address for your account. Confirm it with the link below (valid for ${v.hours} hours, once); until then your old address stays in place.`,
      ],
      action: { label: 'Confirm this address', url: v.link },
    }),
    emailChangeRequested: (v) => ({
      subject: `[${v.siteName}] E-mail address change requested`,
      paragraphs: [
        `Hello ${v.username},`,
        `Someone asked to replace your account's e-mail address with ${v.newEmail}. It takes effect only once the new address is confirmed.`,
        `If it was not you, change your password.`,
      ],
    }),
    emailInUse: (v) => ({
      subject: `[${v.siteName}] This address already has an account`,
      paragraphs: [
        `Hello,`,
        `Someone asked to use this e-mail address for an account on ${v.siteName}, but another account already uses it. Nothing has changed.`,
        `If it was you, log in with the account that already uses this address instead.`,
      ],
      action: { label: `Go to ${v.siteName}`, url: v.siteUrl },
    }),
    emailChanged: (v) => ({
      subject: `[${v.siteName}] Your e-mail address was changed`,
      paragraphs: [
        `Hello ${v.username},`,
        `Your account's e-mail address is now ${v.newEmail}. Future messages will be sent there.`,
        `If it was not you, contact the site's administrators.`,
      ],
    }),
    accountDeleted: (v) => ({
      subject: `[${v.siteName}] Your account was deleted`,
      paragraphs: [
        `Hello ${v.username},`,
        v.observations === 'delete'
          ? `Your account and all your observations were deleted.`
          : `Your account was deleted. Your observations remain, without your name.`,
        `Thank you for taking part.`,
      ],
    }),
    observationReviewed: (v) => ({
      subject: `[${v.siteName}] Your observation of ${v.date} was reviewed`,
      paragraphs: [
        `Hello ${v.username},`,
        v.kind === 'question'
          ? `A validator has a question about your observation of ${v.taxon} on ${v.date}:`
          : v.kind === 'reidentified'
            ? `A validator re-identified your observation of ${v.date} as ${v.taxon}, judged ${STATUS_EN[v.status ?? 'pending'] ?? v.status}.`
            : `A validator reviewed your observation of ${v.taxon} on ${v.date}: it is judged ${STATUS_EN[v.status ?? 'pending'] ?? v.status}.`,
        ...(v.comment ? [`"${v.comment}"`] : []),
      ],
      action: { label: v.kind === 'question' ? 'Answer' : 'See my observation', url: v.link },
    }),
    judgedObservationChanged: (v) => ({
      subject: `[${v.siteName}] An observation you reviewed has changed`,
      paragraphs: [
        `Hello ${v.username},`,
        `The observer changed ${fieldList('en', v.changed)} of the observation of ${v.taxon} from ${v.date} that you reviewed. It is awaiting review again.`,
      ],
      action: { label: 'Review the observation', url: v.link },
    }),
    badgeEarned: (v) => ({
      subject: `[${v.siteName}] New badge: ${v.badge}`,
      paragraphs: [`Hello ${v.username},`, `Well done, you earned the badge "${v.badge}".`],
      action: { label: 'See my notifications', url: v.link },
    }),
  },
  de: {
    confirmEmail: (v) => ({
      subject: `[${v.siteName}] Bestätigen Sie Ihre E-Mail-Adresse`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Danke für Ihre Anmeldung bei ${v.siteName}. Um Ihr Konto zu aktivieren, bestätigen Sie Ihre E-Mail-Adresse mit dem folgenden Link (${v.hours} Stunden gültig, nur einmal verwendbar).`,
        `Wenn Sie kein Konto angelegt haben, ignorieren Sie diese Nachricht.`,
      ],
      action: { label: 'Adresse bestätigen', url: v.link },
    }),
    alreadyRegistered: (v) => ({
      subject: `[${v.siteName}] Sie haben bereits ein Konto`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Jemand (vermutlich Sie) wollte bei ${v.siteName} ein Konto mit dieser E-Mail-Adresse anlegen, zu der es bereits ein Konto gibt. Melden Sie sich mit Ihrem Benutzernamen ${v.username} an; wenn Sie Ihr Passwort vergessen haben, nutzen Sie „Passwort vergessen“.`,
        `Wenn Sie das nicht waren, ignorieren Sie diese Nachricht: Es hat sich nichts geändert.`,
      ],
      action: { label: `Zu ${v.siteName}`, url: v.siteUrl },
    }),
    resetPassword: (v) => ({
      subject: `[${v.siteName}] Neues Passwort wählen`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Für Ihr Konto wurde ein neues Passwort angefordert. Mit dem folgenden Link können Sie eines wählen; er ist ${v.minutes} Minuten gültig und nur einmal verwendbar.`,
        `Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht: Ihr bisheriges Passwort bleibt gültig.`,
      ],
      action: { label: 'Passwort wählen', url: v.link },
    }),
    passwordChanged: (v) => ({
      subject: `[${v.siteName}] Ihr Passwort wurde geändert`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Das Passwort Ihres Kontos wurde soeben geändert, und Ihre anderen Sitzungen wurden beendet.`,
        `Wenn Sie das nicht waren, fordern Sie sofort mit „Passwort vergessen“ ein neues Passwort an.`,
      ],
      action: { label: `Zu ${v.siteName}`, url: v.siteUrl },
    }),
    confirmEmailChange: (v) => ({
      subject: `[${v.siteName}] Bestätigen Sie Ihre neue E-Mail-Adresse`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Sie möchten diese Adresse für Ihr Konto verwenden. Bestätigen Sie sie mit dem folgenden Link (${v.hours} Stunden gültig, nur einmal verwendbar); bis dahin bleibt Ihre alte Adresse bestehen.`,
      ],
      action: { label: 'Adresse bestätigen', url: v.link },
    }),
    emailChangeRequested: (v) => ({
      subject: `[${v.siteName}] Änderung der E-Mail-Adresse angefordert`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Es wurde angefordert, die E-Mail-Adresse Ihres Kontos durch ${v.newEmail} zu ersetzen. Die Änderung gilt erst, wenn die neue Adresse bestätigt ist.`,
        `Wenn Sie das nicht waren, ändern Sie Ihr Passwort.`,
      ],
    }),
    emailInUse: (v) => ({
      subject: `[${v.siteName}] Zu dieser Adresse gibt es bereits ein Konto`,
      paragraphs: [
        `Hallo,`,
        `Jemand wollte diese E-Mail-Adresse für ein Konto bei ${v.siteName} verwenden, aber ein anderes Konto nutzt sie bereits. Es hat sich nichts geändert.`,
        `Wenn Sie das waren, melden Sie sich stattdessen mit dem Konto an, das diese Adresse bereits nutzt.`,
      ],
      action: { label: `Zu ${v.siteName}`, url: v.siteUrl },
    }),
    emailChanged: (v) => ({
      subject: `[${v.siteName}] Ihre E-Mail-Adresse wurde geändert`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Die E-Mail-Adresse Ihres Kontos lautet jetzt ${v.newEmail}. Künftige Nachrichten werden dorthin gesendet.`,
        `Wenn Sie das nicht waren, wenden Sie sich an die Administratoren der Website.`,
      ],
    }),
    accountDeleted: (v) => ({
      subject: `[${v.siteName}] Ihr Konto wurde gelöscht`,
      paragraphs: [
        `Hallo ${v.username},`,
        v.observations === 'delete'
          ? `Ihr Konto und alle Ihre Beobachtungen wurden gelöscht.`
          : `Ihr Konto wurde gelöscht. Ihre Beobachtungen bleiben erhalten, ohne Ihren Namen.`,
        `Danke für Ihre Teilnahme.`,
      ],
    }),
    observationReviewed: (v) => ({
      subject: `[${v.siteName}] Ihre Beobachtung vom ${v.date} wurde geprüft`,
      paragraphs: [
        `Hallo ${v.username},`,
        v.kind === 'question'
          ? `Eine Prüferin oder ein Prüfer hat eine Frage zu Ihrer Beobachtung von ${v.taxon} vom ${v.date}:`
          : v.kind === 'reidentified'
            ? `Ihre Beobachtung vom ${v.date} wurde neu bestimmt: ${v.taxon}. Sie gilt als ${STATUS_DE[v.status ?? 'pending'] ?? v.status}.`
            : `Ihre Beobachtung von ${v.taxon} vom ${v.date} wurde geprüft: Sie gilt als ${STATUS_DE[v.status ?? 'pending'] ?? v.status}.`,
        ...(v.comment ? [`„${v.comment}“`] : []),
      ],
      action: {
        label: v.kind === 'question' ? 'Antworten' : 'Meine Beobachtung ansehen',
        url: v.link,
      },
    }),
    judgedObservationChanged: (v) => ({
      subject: `[${v.siteName}] Eine von Ihnen geprüfte Beobachtung wurde geändert`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Die beobachtende Person hat ${fieldList('de', v.changed)} der Beobachtung von ${v.taxon} vom ${v.date} geändert, die Sie geprüft hatten. Sie ist wieder ungeprüft.`,
      ],
      action: { label: 'Beobachtung erneut prüfen', url: v.link },
    }),
    badgeEarned: (v) => ({
      subject: `[${v.siteName}] Neues Abzeichen: ${v.badge}`,
      paragraphs: [
        `Hallo ${v.username},`,
        `Glückwunsch, Sie haben das Abzeichen „${v.badge}“ erhalten.`,
      ],
      action: { label: 'Meine Benachrichtigungen ansehen', url: v.link },
    }),
  },
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Renders a mail in the reader's language, as plain text and as simple HTML. */
export function renderMail<K extends MailTemplate>(
  template: K,
  locale: Locale,
  vars: MailTemplates[K],
): MailContent {
  const texts = (TEXTS[locale] ?? TEXTS.en)[template] as (v: MailTemplates[K]) => Content;
  const content = texts(vars);
  const footer = FOOTER[locale](vars.siteName);
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    '--',
    footer,
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.action
      ? [
          `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:.6em 1.2em;background:#2f6f3e;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>`,
          `<p style="font-size:small">${escapeHtml(content.action.url)}</p>`,
        ]
      : []),
    `<hr><p style="font-size:small;color:#666">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
