import type { ObservationDetail, ObservationList } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { decodeMvt, parseCsv, readZip } from '../reading/helpers.js';

/** The tile at zoom z holding a point. */
export function tileOf(z: number, [lon, lat]: number[]) {
  const n = 2 ** z;
  const rad = (lat! * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon! + 180) / 360) * n),
    y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  };
}

/** Tab-separated rows with a header line, as objects. */
function tsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = header!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i]!, v])));
}

export type SeenAs = {
  /** Blurred, and the point shown, in each output. */
  detail: { blurred: boolean; point: number[] };
  list: boolean;
  /** Whether the public tile around the exact point shows it there. */
  tileAtExactPoint: boolean;
  /** The data version the tiles and statistics caches follow. */
  dataVersion: string;
  csv: { blurred: string; uncertainty: number };
  geojson: boolean;
  dwc: { generalisation: string; uncertainty: number; withheld: string };
};

/**
 * What the public (or the viewer of `headers`) gets of observation `id` of programme
 * `programId` from every output: detail, list, tile, statistics version and the three exports.
 */
export async function seenAs(
  app: App,
  programId: number,
  id: string,
  exactPoint: number[],
  headers: Record<string, string> = {},
): Promise<SeenAs> {
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers });
    // 204: an empty tile.
    if (response.statusCode !== 200 && response.statusCode !== 204)
      throw new Error(`${url}: ${response.statusCode}`);
    return response;
  };
  const detail = (await get(`/api/observations/${id}`)).json<ObservationDetail>();
  const list = (
    await get(`/api/observations?program=${programId}&taxon=${detail.taxon.cdNom}&limit=200`)
  ).json<ObservationList>();
  const t = tileOf(16, exactPoint);
  const tile = decodeMvt(
    (await get(`/api/programs/${programId}/tiles/16/${t.x}/${t.y}.mvt`)).rawPayload,
  );
  const stats = (await get(`/api/programs/${programId}/stats`)).json<{ dataVersion: string }>();
  const [header, ...rows] = parseCsv((await get(`/api/programs/${programId}/export.csv`)).body);
  const csvRow = rows.find((r) => r[header!.indexOf('id')] === id)!;
  const geojson = (await get(`/api/programs/${programId}/export.geojson`)).json<{
    features: { id: string; properties: { blurred: boolean } }[];
  }>();
  const occurrences = tsv(
    readZip((await get(`/api/programs/${programId}/export.dwca.zip`)).rawPayload)
      .get('occurrence.txt')!
      .toString('utf8'),
  );
  const occurrence = occurrences.find((o) => o.occurrenceID === id)!;
  return {
    detail: { blurred: detail.blurred, point: detail.location.coordinates },
    list: list.items.find((i) => i.id === id)!.blurred,
    tileAtExactPoint: (tile.get('observations')?.features ?? []).some(
      (f) => f.properties.id === id,
    ),
    dataVersion: stats.dataVersion,
    csv: {
      blurred: csvRow[header!.indexOf('location_blurred')]!,
      uncertainty: Number(csvRow[header!.indexOf('coordinate_uncertainty_m')]),
    },
    geojson: geojson.features.find((f) => f.id === id)!.properties.blurred,
    dwc: {
      generalisation: occurrence.dataGeneralizations ?? '',
      uncertainty: Number(occurrence.coordinateUncertaintyInMeters),
      withheld: occurrence.informationWithheld ?? '',
    },
  };
}

/** The observations of the visits of a site programme's public species export. */
export async function visitSpeciesIds(app: App, programId: number): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/programs/${programId}/export/visit-observations.csv`,
  });
  const [header, ...rows] = parseCsv(response.body);
  const col = header!.findIndex((h) => h === 'observation_id' || h === 'id');
  return rows.map((r) => r[col]!);
}
