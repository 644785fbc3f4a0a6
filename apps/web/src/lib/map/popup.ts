import { formatCount, formatDate } from '../format';
import type { ObservationProperties } from './observations';

/** Popup body for one observation, built from text nodes: data never goes through innerHTML. */
export function observationPopupContent(observation: ObservationProperties): HTMLElement {
  const content = document.createElement('div');
  content.className = 'observation-popup';

  const name = document.createElement('strong');
  name.textContent = observation.taxonName || observation.scientificName;
  content.append(name);

  if (observation.scientificName && observation.scientificName !== observation.taxonName) {
    const scientific = document.createElement('i');
    scientific.textContent = observation.scientificName;
    content.append(document.createElement('br'), scientific);
  }

  const details = document.createElement('div');
  details.textContent = `${formatDate(observation.observedOn)} · ${formatCount(observation.count, 'individual')}`;
  content.append(details);
  return content;
}
