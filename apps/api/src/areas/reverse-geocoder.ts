/**
 * Asks a Nominatim-compatible reverse geocoder for the municipality of a point. Used only when
 * no imported area covers the point; any failure just leaves the municipality unknown.
 */
export type ReverseGeocoder = (point: number[]) => Promise<string | null>;

const PLACE_KEYS = ['village', 'town', 'city', 'municipality'] as const;

export function createReverseGeocoder(baseUrl: string, timeoutMs = 3000): ReverseGeocoder {
  return async ([lon, lat]) => {
    const url = new URL(baseUrl);
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('lat', String(lat));
    url.searchParams.set('lon', String(lon));
    url.searchParams.set('zoom', '10');
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'user-agent': 'Citizen (citizen-science platform)' },
      });
      if (!response.ok) return null;
      const body = (await response.json()) as { address?: Record<string, string> };
      const address = body.address ?? {};
      const name = PLACE_KEYS.map((key) => address[key]).find(Boolean);
      if (!name) return null;
      return address.postcode ? `${name} (${address.postcode})` : name;
    } catch {
      return null;
    }
  };
}
