import type { BBox } from '@citizen/shared';

export interface Place {
  name: string;
  center: [number, number];
  bbox: BBox | undefined;
}

interface NominatimPlace {
  display_name?: string;
  lat?: string;
  lon?: string;
  /** [south, north, west, east] as strings. */
  boundingbox?: string[];
}

/** Places matching `query` from a Nominatim-compatible geocoder, those in `near` first. */
export async function searchPlaces(
  geocoderUrl: string,
  query: string,
  language: string,
  near: BBox,
): Promise<Place[]> {
  const url = new URL(geocoderUrl);
  url.searchParams.set('q', query);
  url.searchParams.set('format', 'jsonv2');
  url.searchParams.set('limit', '6');
  url.searchParams.set('accept-language', language);
  url.searchParams.set('viewbox', near.join(','));
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`Geocoder answered ${response.status}`);
  const results = (await response.json()) as NominatimPlace[];
  return results.flatMap((result) => {
    const lat = Number(result.lat);
    const lon = Number(result.lon);
    if (!result.display_name || !Number.isFinite(lat) || !Number.isFinite(lon)) return [];
    const [south, north, west, east] = (result.boundingbox ?? []).map(Number);
    const bbox: BBox | undefined = [south, north, west, east].every((n) => Number.isFinite(n))
      ? [west!, south!, east!, north!]
      : undefined;
    return [{ name: result.display_name, center: [lon, lat] as [number, number], bbox }];
  });
}
