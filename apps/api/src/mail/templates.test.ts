import { describe, expect, it } from 'vitest';
import { LOCALES } from '@citizen/shared';
import { retryDelaySeconds } from './outbox.repository.js';
import { renderMail, type MailTemplate, type MailTemplates } from './templates.js';

const vars: { [K in MailTemplate]: MailTemplates[K] } = {
  confirmEmail: {
    siteName: 'Citizen',
    username: 'camille',
    link: 'https://x.test/fr/confirm?token=abc',
    hours: 48,
  },
  alreadyRegistered: { siteName: 'Citizen', username: 'camille', siteUrl: 'https://x.test/fr/' },
  resetPassword: {
    siteName: 'Citizen',
    username: 'camille',
    link: 'https://x.test/fr/reset-password?token=abc',
    minutes: 60,
  },
  passwordChanged: { siteName: 'Citizen', username: 'camille', siteUrl: 'https://x.test/fr/' },
  confirmEmailChange: {
    siteName: 'Citizen',
    username: 'camille',
    link: 'https://x.test/fr/confirm-email-change?token=abc',
    hours: 24,
  },
  emailChangeRequested: { siteName: 'Citizen', username: 'camille', newEmail: 'new@x.test' },
  emailInUse: { siteName: 'Citizen', username: 'camille', siteUrl: 'https://x.test/fr/' },
  emailChanged: { siteName: 'Citizen', username: 'camille', newEmail: 'new@x.test' },
  accountDeleted: { siteName: 'Citizen', username: 'camille', observations: 'anonymise' },
  observationReviewed: {
    siteName: 'Citizen',
    username: 'camille',
    taxon: 'Turdus philomelos',
    date: '2026-05-01',
    kind: 'reidentified',
    status: 'probable',
    comment: 'The speckled breast says song thrush.',
    link: 'https://x.test/fr/observations/abc',
  },
  judgedObservationChanged: {
    siteName: 'Citizen',
    username: 'dominique',
    taxon: 'Turdus philomelos',
    date: '2026-05-01',
    changed: ['taxon', 'photos'],
    link: 'https://x.test/fr/validation/abc',
  },
  badgeEarned: {
    siteName: 'Citizen',
    username: 'camille',
    badge: 'Ornithologue',
    link: 'https://x.test/fr/notifications',
  },
};

describe('mail templates', () => {
  for (const locale of LOCALES) {
    for (const template of Object.keys(vars) as MailTemplate[]) {
      it(`${template} in ${locale}: subject, plain text and HTML with the same link`, () => {
        const mail = renderMail(template, locale, vars[template] as never);
        expect(mail.subject).toMatch(/^\[Citizen\] \S/);
        expect(mail.text).not.toMatch(/<[a-z]/);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        const link = (vars[template] as { link?: string }).link;
        if (link) {
          expect(mail.text).toContain(link);
          expect(mail.html).toContain(`href="${link}"`);
        }
      });
    }
  }

  it('writes each language differently', () => {
    const subjects = LOCALES.map((l) => renderMail('resetPassword', l, vars.resetPassword).subject);
    expect(new Set(subjects).size).toBe(3);
  });

  it('escapes what users wrote in the HTML part', () => {
    const mail = renderMail('confirmEmail', 'en', { ...vars.confirmEmail, username: '<b>x</b>' });
    expect(mail.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>x</b>');
    expect(mail.text).toContain('<b>x</b>');
  });
});

describe('mail retries', () => {
  it('back off from 30 seconds, doubling, up to 4 hours', () => {
    expect([1, 2, 3, 4, 10, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 14400, 14400]);
  });
});
