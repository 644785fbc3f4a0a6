import {
  LOCALES,
  type CustomPage,
  type LocalizedText,
  type PublicSettings,
  type SiteSettings,
  type SiteSettingsPatch,
} from '@citizen/shared';
import type { Transaction } from 'kysely';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../http/errors.js';
import { sanitizeRichText } from '../programs/programs.service.js';
import { photoUrls, type PhotosService, type PhotoUpload } from '../media/photos.service.js';
import type { SettingsRepository } from './settings.repository.js';

/** Settings an instance has before any operator changes them. */
export function defaultSettings(config: Config): SiteSettings {
  return {
    siteName: config.siteName,
    logoUrl: null,
    colours: { primary: '#1f6f43', accent: '#b45309' },
    texts: {},
    map: { baseLayers: config.map.baseLayers, center: [2.5, 46.6], zoom: 5, minPlacementZoom: 14 },
    geocoderUrl: null,
  };
}

const sanitizeText = (text: LocalizedText): LocalizedText =>
  Object.fromEntries(
    LOCALES.filter((l) => typeof text[l] === 'string').map((l) => [l, sanitizeRichText(text[l]!)]),
  );

/** The media id of a logo uploaded here (its display URL), else null (a URL set by hand). */
function uploadedPhotoId(url: string): string | null {
  return /^\/api\/media\/([0-9a-f-]{36})\/display$/.exec(url)?.[1] ?? null;
}

export function createSettingsService(
  repository: SettingsRepository,
  photos: PhotosService,
  config: Config,
) {
  async function stored(): Promise<SiteSettingsPatch> {
    return (await repository.storedSettings()) as SiteSettingsPatch;
  }

  /** Writes the patch over the stored settings in `trx`; the settings it replaced. */
  async function updateIn(trx: Transaction<DB>, patch: SiteSettingsPatch) {
    const current = (await repository.storedSettings(trx)) as SiteSettingsPatch;
    const texts = { ...current.texts };
    for (const [key, text] of Object.entries(patch.texts ?? {})) {
      const clean = sanitizeText(text);
      if (Object.keys(clean).length === 0) delete texts[key];
      else texts[key] = clean;
    }
    await repository.saveSettings(trx, { ...current, ...patch, texts });
    return current;
  }

  return {
    async get(): Promise<PublicSettings> {
      return {
        ...defaultSettings(config),
        ...(await stored()),
        defaultLocale: config.defaultLocale,
        locales: [...LOCALES],
        badges: config.badges.enabled,
        embedFrameAncestors: config.web.embedFrameAncestors,
        captcha: config.accounts.captcha?.provider ?? null,
      };
    },

    /**
     * Sets the given settings; `texts` are merged by key (a key sent with no language removes it),
     * every other field is replaced as a whole.
     */
    async update(patch: SiteSettingsPatch): Promise<PublicSettings> {
      await repository.transaction().execute(async (trx) => {
        await updateIn(trx, patch);
      });
      return this.get();
    },

    /**
     * Makes an uploaded picture the site's logo: the photo and the setting are written in one
     * transaction (the file published after it commits); the logo it replaces, if uploaded here,
     * is deleted once the new one is in place.
     */
    async replaceLogo(upload: PhotoUpload, adminId: number): Promise<PublicSettings> {
      const previous = await photos.saveWith([upload], adminId, async (trx, [id]) => {
        const { logoUrl } = await updateIn(trx, { logoUrl: photoUrls(id!).displayUrl });
        return logoUrl ? uploadedPhotoId(logoUrl) : null;
      });
      if (previous) await photos.deleteUnlinked(previous);
      return this.get();
    },

    async listPages(): Promise<CustomPage[]> {
      return (await repository.listPages()).map(toPage);
    },

    async getPage(slug: string): Promise<CustomPage> {
      const row = await repository.findPage(slug);
      if (!row) throw new DomainError('page.notFound', { slug });
      return toPage(row);
    },

    async savePage(page: CustomPage): Promise<CustomPage> {
      const values = {
        slug: page.slug,
        title: JSON.stringify(plainText(page.title)),
        body: JSON.stringify(sanitizeText(page.body)),
        in_menu: page.inMenu,
        position: page.position,
      };
      await repository.savePage(values);
      return this.getPage(page.slug);
    },

    async deletePage(slug: string): Promise<void> {
      if (!(await repository.deletePage(slug))) throw new DomainError('page.notFound', { slug });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

function plainText(text: LocalizedText): LocalizedText {
  return Object.fromEntries(
    LOCALES.filter((l) => typeof text[l] === 'string').map((l) => [l, text[l]!.trim()]),
  );
}

function toPage(row: {
  slug: string;
  title: unknown;
  body: unknown;
  in_menu: boolean;
  position: number;
}): CustomPage {
  return {
    slug: row.slug,
    title: row.title as LocalizedText,
    body: row.body as LocalizedText,
    inMenu: row.in_menu,
    position: row.position,
  };
}
