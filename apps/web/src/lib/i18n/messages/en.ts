import type { Message } from '../translate.js';
import type { adminEn } from './admin.en.js';
import { sitesEn } from './sites.en.js';
import { speciesEn } from './species.en.js';
import { validationEn } from './validation.en.js';
import { errorsEn } from './errors.en.js';
import { offlineMoreEn } from './offline-more.en.js';
import { shellEn } from './shell.en.js';
import { programmeEn } from './programme.en.js';
import { programmeMoreEn } from './programme-more.en.js';
import { exploreEn } from './explore.en.js';
import { notificationsEn } from './notifications.en.js';

/**
 * The interface's texts in English: the reference catalogue. Sections (sites, offline...) live in
 * their own files, one per language, and are spread in here. fr.ts and de.ts must have exactly
 * the same keys (the type checker says so). {name} is a placeholder; plural messages pick a form
 * from {count}. The back office's texts are apart (admin.en.ts), downloaded by its pages only.
 */
export const en = {
  ...shellEn,
  ...errorsEn,
  ...offlineMoreEn,
  ...programmeEn,
  ...programmeMoreEn,
  ...sitesEn,
  ...speciesEn,
  ...validationEn,
  ...exploreEn,
  ...notificationsEn,
  // Site
  'common.save': 'Save',
  'common.saved': 'Saved.',
  'common.delete': 'Delete',
  'common.edit': 'Edit',
  'common.optional': 'optional',
  'common.required': 'required',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.unreachable': 'The service cannot be reached. Please try again in a moment.',
  'common.tooMany': 'Too many attempts. Please wait a little and try again.',

  'nav.breadcrumb': 'Breadcrumb',

  // About
  'about.title': 'About {site}',
  'about.default':
    'This site collects observations of wild plants and animals made by anyone who wishes to take part. Each programme covers an area and a group of species; every observation, checked by experts, helps to know and protect biodiversity.',
  'about.creditsTitle': 'Citizen',
  'about.credits':
    'This site runs on Citizen, free and open-source software (AGPL) for citizen science, a descendant of GeoNature-citizen.',

  // Observation form
  'observe.title': 'Add an observation: {title}',
  'observe.accountNeeded': 'This programme asks its observers to have an account.',
  'observe.anonymous':
    'You are not logged in. You can take part without an account, or log in to find your observations on your own page later.',
  'edit.title': 'Change the observation',
  'form.what': 'What did you see?',
  'form.when': 'When?',
  'form.where': 'Where?',
  'form.more': 'More about it',
  'form.you': 'About you',
  'form.species': 'Species',
  'form.speciesPick': 'Choose the species',
  'form.speciesSearch': 'Species',
  'form.speciesChosen': 'Chosen: {name}',
  'form.date': 'Date',
  'form.time': 'Time',
  'form.count': 'Number of individuals',
  'form.comment': 'Comment',
  'form.commentLabel': 'Anything worth knowing (behaviour, habitat…)',
  'form.observerName': 'Your name',
  'form.observerNameHint': 'Shown with your observation. Leave it empty to stay anonymous.',
  'form.contactEmail': 'Your e-mail address',
  'form.contactEmailHint':
    'Only used to contact you about this observation, for instance to confirm the species. Never shown.',
  'form.submit': 'Send the observation',
  'form.saveChanges': 'Save the changes',
  'form.sending': 'Sending…',
  'form.problems': { one: 'Please correct this:', other: 'Please correct these {count} points:' },
  'form.needSpecies': 'Choose a species.',
  'form.needLocation': 'Place the observation on the map, or enter its coordinates.',
  'form.needDate': 'Enter the date of the observation.',
  'form.futureDate': 'The date cannot be in the future.',
  'form.badCount': 'Enter a whole number of at least 1.',
  'form.tooLarge': 'The photos are too large to send.',
  'form.factsUsed': 'Taken from the photo: {what}. You can change it.',
  'form.factsDate': 'the date',
  'form.factsPlace': 'the place',
  'form.choose': 'Choose…',
  'form.item': '{label} {n}',
  'form.addItem': 'Add: {label}',
  'form.removeItem': 'Remove item {n}',

  'location.legend': 'Place of the observation',
  'location.hint':
    'Click the map where you made the observation (zoom in close enough first), use your location, or enter the coordinates.',
  'location.mapLabel': 'Map to place the observation',
  'location.zoomIn': 'Zoomed in: tap the exact spot to place the point.',
  'location.outside': 'This point is outside the programme’s area.',
  'location.placed.map': 'Point placed.',
  'location.placed.typed': 'Point placed at these coordinates.',
  'location.placed.device': 'Point placed at your location.',
  'location.placed.photo': 'Point placed where the photo was taken.',
  'location.useDevice': 'Use my location',
  'location.locating': 'Finding your location…',
  'location.usePhoto': 'Use the photo’s location',
  'location.useCentre': 'Place at the centre of the map',
  'location.latitude': 'Latitude',
  'location.longitude': 'Longitude',
  'location.applyCoordinates': 'Place at these coordinates',
  'location.badCoordinates':
    'Enter a latitude and a longitude in decimal degrees, e.g. 45.77 and 4.85.',
  'location.noDevice': 'This browser cannot give your location.',
  'location.deviceFailed': 'Your location could not be found.',

  'photos.legend': 'Photos',
  'photos.hint': 'Up to {max} photos. They are made smaller before they are sent.',
  'photos.add': 'Add photos',
  'photos.preparing': 'Preparing {name}…',
  'photos.added': '{name} added.',
  'photos.removed': '{name} removed.',
  'photos.notImage': '{name} is not a photo.',
  'photos.unreadable': '{name} could not be read.',
  'photos.tooMany': 'At most {max} more photos.',
  'photos.preview': 'Photo {n}',
  'photos.of': '{name}, photo {n}',
  'photos.licence': 'Licence',
  'photos.author': 'Author',
  'photos.remove': 'Remove photo {n}',
  'photos.removeSaved': 'Remove this photo',
  'thanks.title': 'Thank you!',
  'thanks.recorded': 'Your observation of {name} on {date} is recorded.',
  'thanks.review': 'Experts will look at it; you will find it on the map in a moment.',
  'thanks.badges': {
    one: 'You have earned a new badge!',
    other: 'You have earned {count} new badges!',
  },
  'thanks.seeMap': 'See the map',
  'thanks.seeObservation': 'See your observation',
  'thanks.another': 'Add another observation',

  // Observation page
  'observation.facts': 'The observation',
  'observation.observer': 'Observer',
  'observation.municipality': 'Municipality',
  'observation.recorded': 'Recorded',
  'observation.mapLabel': 'Map of where {name} was seen',
  'observation.summary': '{name} seen on {date}, in the programme {program}.',
  'observation.blurred':
    'The exact place is hidden to protect the species: the map shows the centre of a square of {size} m.',
  'observation.classification': 'Classification',
  'observation.deleteTitle': 'Delete the observation?',
  'observation.deleteConfirm': 'The observation of {name} and its photos will be deleted for good.',
  'rank.kingdom': 'Kingdom',
  'rank.phylum': 'Phylum',
  'rank.class': 'Class',
  'rank.order': 'Order',
  'rank.family': 'Family',

  // Accounts
  'login.title': 'Log in',
  'login.login': 'E-mail address or username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.missing': 'Enter your e-mail address (or username) and your password.',
  'login.forgot': 'Forgotten password?',
  'login.noAccount': 'No account yet? Register',
  'login.already': 'You are logged in as {name}.',
  'register.title': 'Create an account',
  'register.username': 'Username',
  'register.usernameHint': '3 to 30 letters, digits, dots, dashes or underscores. Shown publicly.',
  'register.email': 'E-mail address',
  'register.emailHint': 'A link to confirm it will be sent there. Never shown.',
  'register.displayName': 'Name shown with your observations',
  'register.password': 'Password',
  'register.passwordHint': 'At least {min} characters.',
  'register.passwordAgain': 'The password again',
  'register.terms': 'I accept the terms of use',
  'register.readTerms': 'read them',
  'register.submit': 'Create my account',
  'register.haveAccount': 'Already have an account? Log in',
  'register.badUsername':
    'The username must be 3 to 30 letters, digits, dots, dashes or underscores.',
  'register.badEmail': 'Enter a valid e-mail address.',
  'register.shortPassword': 'The password must have at least {min} characters.',
  'register.passwordsDiffer': 'The two passwords differ.',
  'register.needTerms': 'Accept the terms of use to create an account.',
  'register.checkMail': 'Almost done: open the link we sent to {email} to confirm your account.',
  'register.done': 'Your account is ready.',
  'confirm.title': 'Confirm your account',
  'confirm.done': 'Your e-mail address is confirmed: you can log in.',
  'confirm.resendIntro': 'Get a new link:',
  'confirm.resend': 'Send a new link',
  'confirm.resent': 'If {email} has an account waiting for confirmation, a new link is on its way.',
  'token.working': 'Checking the link…',
  'token.missing': 'This link is incomplete. Please open the link from the e-mail again.',
  'forgot.title': 'Forgotten password',
  'forgot.intro': 'Enter your e-mail address: we will send you a link to choose a new password.',
  'forgot.submit': 'Send the link',
  'forgot.sent': 'If {email} has an account, a link to choose a new password is on its way.',
  'reset.title': 'Choose a new password',
  'reset.password': 'New password',
  'reset.submit': 'Save the new password',
  'reset.done': 'Your password is changed. You can log in with it.',
  'emailChange.title': 'Confirm your new e-mail address',
  'emailChange.done': 'Your new e-mail address is confirmed.',

  'account.signedInAs': 'Logged in as {username} ({email}).',
  'account.profile': 'Profile',
  'account.displayNameHint': 'Shown with your observations instead of your username.',
  'account.locale': 'Language of the e-mails',
  'account.avatar': 'Picture',
  'account.avatarCurrent': 'Your picture',
  'account.avatarChoose': 'Choose a picture',
  'account.avatarRemove': 'Remove the picture',
  'account.avatarSaved': 'Picture saved.',
  'account.avatarRemoved': 'Picture removed.',
  'account.password': 'Password',
  'account.currentPassword': 'Current password',
  'account.changePassword': 'Change the password',
  'account.passwordChanged': 'Password changed.',
  'account.email': 'E-mail address',
  'account.newEmail': 'New e-mail address',
  'account.changeEmail': 'Change the address',
  'account.emailSent': 'Open the link sent to {email} to confirm it.',
  'account.data': 'My data',
  'account.dataIntro': 'Download everything the site knows about you.',
  'account.export.json': 'Everything (JSON)',
  'account.export.csv': 'My observations (CSV)',
  'account.export.zip': 'Everything with my photos (ZIP)',
  'account.sessions': 'Sessions',
  'account.sessionsIntro': 'Log out on every device where you are logged in, this one included.',
  'account.logoutAll': 'Log out everywhere',
  'account.delete': 'Delete my account',
  'account.deleteObservations': 'My observations',
  'account.deletion.anonymise': 'Keep them for science, without my name',
  'account.deletion.delete': 'Delete them with their photos',
  'account.deleteButton': 'Delete my account',
  'account.deleteConfirm': 'Your account will be deleted for good. Your observations:',

  'dashboard.hello': 'Hello {name}!',
  'dashboard.observations': 'My observations',
  'dashboard.none': 'You have not recorded any observation yet.',
  'dashboard.mapLabel': 'Map of my observations',
  'dashboard.deleted': 'The observation of {name} is deleted.',
  'dashboard.badges': 'My badges',
  'dashboard.noBadges': 'No badge yet.',
  'dashboard.nextBadges': 'Next badges',

  // Observation form: a sensitive species
  'form.obscured': 'Blur the location for the public',
  'form.obscuredHint':
    'The public sees a 10 km cell instead of the point; you, validators and administrators still see the point.',
} satisfies Record<string, Message>;

/** Every key: the site's (this catalogue) and the back office's (admin.en.ts). */
export type MessageKey = keyof typeof en | keyof typeof adminEn;
/** The site's texts in one language (without the back office's). */
export type Messages = Record<keyof typeof en, Message>;

/** A section's translation: exactly the keys of its English section. */
export type Section<T> = Record<keyof T, Message>;
