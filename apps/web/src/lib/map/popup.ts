import type { ObservationDetail } from '@citizen/shared';
import type { I18n } from '$lib/i18n';
import { speciesHref } from '$lib/species/link';

/** What a map feature tells about one observation (a tile point or a list item). */
export interface ObservationSummary {
  id: string;
  name: string;
  observedOn: string;
  count: number;
}

/** An observation drawn from a list: its summary and [longitude, latitude]. */
export interface MapPoint extends ObservationSummary {
  coordinates: [number, number];
}

/** Reads an observation back from a vector tile point's properties (untyped there). */
export function readTilePoint(properties: Record<string, unknown>): ObservationSummary {
  return {
    id: String(properties.id ?? ''),
    name: String(properties.name ?? ''),
    observedOn: String(properties.date ?? ''),
    count: Number(properties.count ?? 1),
  };
}

/**
 * A popup's content, built from text nodes: data never goes through innerHTML. `enrich` adds
 * the photo and observer once the observation's details arrive.
 */
export function observationPopup(
  observation: ObservationSummary,
  i18n: I18n,
  href: string,
  openInNewTab: boolean,
): { element: HTMLElement; enrich(detail: ObservationDetail): void } {
  const element = document.createElement('div');
  element.className = 'observation-popup';

  const figure = document.createElement('div');
  figure.className = 'observation-popup-photo';

  const name = document.createElement('strong');
  name.textContent = observation.name;

  const scientific = document.createElement('i');
  const details = document.createElement('p');
  details.textContent = [
    i18n.date(observation.observedOn, 'medium'),
    i18n.t('counts.individuals', { count: observation.count }),
  ].join(' · ');
  const observer = document.createElement('p');

  const link = document.createElement('a');
  link.href = href;
  link.textContent = i18n.t('map.popupDetails');
  if (openInNewTab) {
    link.target = '_blank';
    link.rel = 'noopener';
  }

  element.append(figure, name, scientific, details, observer, link);
  return {
    element,
    enrich(detail) {
      const [photo] = detail.photos;
      if (photo) {
        const image = document.createElement('img');
        image.src = photo.thumbUrl;
        image.alt = '';
        image.width = 96;
        image.height = 96;
        figure.append(image);
      }
      if (detail.taxon.scientificName !== detail.taxon.name) {
        scientific.textContent = detail.taxon.scientificName;
      }
      observer.textContent = i18n.t('observation.by', {
        observer: detail.observer ?? i18n.t('observation.anonymous'),
      });
      const species = document.createElement('a');
      species.href = speciesHref(i18n.locale, detail.taxon.cdRef);
      species.textContent = i18n.t('species.link');
      if (openInNewTab) {
        species.target = '_blank';
        species.rel = 'noopener';
      }
      link.after(document.createElement('br'), species);
    },
  };
}
