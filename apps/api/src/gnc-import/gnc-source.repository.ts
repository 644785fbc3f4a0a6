import pg from 'pg';

/**
 * Reads a GeoNature-citizen 1.x database (schemas gnc_core, gnc_obstax, gnc_sites on PostgreSQL
 * with PostGIS), read-only, in one repeatable-read transaction: every table is read as of the
 * same moment even while the old site keeps running. Timestamps there are naive UTC; they are
 * read as such.
 */
export class GncSourceError extends Error {}

const utc = (column: string, as = column) => `${column} AT TIME ZONE 'UTC' AS ${as}`;

export type GncUser = {
  id_user: number;
  name: string;
  surname: string;
  username: string;
  password: string;
  email: string;
  avatar: string | null;
  active: boolean | null;
  admin: boolean | null;
  validator: boolean | null;
  created_at: Date;
};

export type GncProject = {
  id_project: number;
  unique_id_project: string;
  name: string;
  short_desc: string | null;
  long_desc: string | null;
  created_at: Date;
};

export type GncProgram = {
  id_program: number;
  unique_id_program: string;
  id_project: number;
  title: string;
  short_desc: string;
  long_desc: string;
  form_message: string | null;
  image: string | null;
  logo: string | null;
  module: string;
  taxonomy_list: number | null;
  is_active: boolean;
  registration_required: boolean;
  id_form: number | null;
  geojson: string | null;
  invalid_reason: string | null;
  created_at: Date;
};

export type GncForm = { id_form: number; name: string | null; json_schema: unknown };

export type GncSiteType = {
  id_typesite: number;
  category: string | null;
  type: string | null;
  id_form: number | null;
  pictogram: string | null;
};

export type GncSite = {
  id_site: number;
  uuid_sinp: string;
  name: string | null;
  id_type: number;
  x: number | null;
  y: number | null;
  id_role: number | null;
  obs_txt: string | null;
  created_at: Date;
  updated_at: Date | null;
};

export type GncVisit = {
  id_visit: number;
  id_site: number;
  date: string | null;
  json_data: unknown;
  id_role: number | null;
  obs_txt: string | null;
  created_at: Date;
  updated_at: Date | null;
};

export type GncValidationStatus = 'NOT_VALIDATED' | 'VALIDATED' | 'INVALID' | 'NON_VALIDATABLE';

export type GncObservation = {
  id_observation: number;
  uuid_sinp: string;
  cd_nom: number;
  name: string;
  date: string;
  count: number | null;
  comment: string | null;
  municipality: string | null;
  x: number | null;
  y: number | null;
  json_data: unknown;
  id_role: number | null;
  obs_txt: string | null;
  email: string | null;
  validation_status: GncValidationStatus | null;
  id_validator: number | null;
  /** The site cor_sites_obstax links it to, if any. */
  id_site: number | null;
  created_at: Date;
  updated_at: Date | null;
};

/** A photo link: the observation or visit it belongs to, and its file in the media folder. */
export type GncPhoto = { owner: number; id_media: number; filename: string };

export async function openGncSource(url: string) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new GncSourceError(`--database: cannot connect (${(error as Error).message})`);
  }
  await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const { rows } = await client.query<{ missing: string[] }>(
    `SELECT array_agg(t) AS missing FROM unnest(ARRAY['gnc_core.t_users', 'gnc_core.t_programs',
       'gnc_obstax.t_obstax', 'gnc_sites.t_sites']) AS t WHERE to_regclass(t) IS NULL`,
  );
  if (rows[0]?.missing?.length) {
    await client.end();
    throw new GncSourceError(
      `--database is not a GeoNature-citizen database: ${rows[0].missing.join(', ')} not found`,
    );
  }
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await client.query<T>(text, values)).rows;

  return {
    users: () =>
      query<GncUser>(
        `SELECT id_user, name, surname, username, password, email, avatar, active, admin,
           validator, ${utc('timestamp_create', 'created_at')}
         FROM gnc_core.t_users ORDER BY id_user`,
      ),

    projects: () =>
      query<GncProject>(
        `SELECT id_project, unique_id_project::text, name, short_desc, long_desc,
           ${utc('timestamp_create', 'created_at')}
         FROM gnc_core.t_projects ORDER BY id_project`,
      ),

    forms: () => query<GncForm>(`SELECT id_form, name, json_schema FROM gnc_core.t_custom_form`),

    programs: () =>
      query<GncProgram>(
        `SELECT p.id_program, p.unique_id_program::text, p.id_project, p.title, p.short_desc,
           p.long_desc, p.form_message, p.image, p.logo, m.name AS module, p.taxonomy_list, p.is_active,
           p.registration_required, p.id_form, ST_AsGeoJSON(g.geom) AS geojson,
           CASE WHEN NOT ST_IsValid(g.geom) THEN ST_IsValidReason(g.geom) END AS invalid_reason,
           ${utc('p.timestamp_create', 'created_at')}
         FROM gnc_core.t_programs p
         JOIN gnc_core.t_modules m USING (id_module)
         LEFT JOIN gnc_core.t_geometries g USING (id_geom)
         ORDER BY p.id_program`,
      ),

    siteTypes: (programId: number) =>
      query<GncSiteType>(
        `SELECT t.id_typesite, t.category, t.type, t.id_form, t.pictogram
         FROM gnc_sites.cor_program_typesites c
         JOIN gnc_sites.t_typesite t USING (id_typesite)
         WHERE c.id_program = $1 ORDER BY c.id_cor_program_typesite`,
        [programId],
      ),

    sites: (programId: number) =>
      query<GncSite>(
        `SELECT id_site, uuid_sinp::text, name, id_type, ST_X(geom) AS x, ST_Y(geom) AS y,
           id_role, obs_txt, ${utc('timestamp_create', 'created_at')},
           ${utc('timestamp_update', 'updated_at')}
         FROM gnc_sites.t_sites WHERE id_program = $1 ORDER BY id_site`,
        [programId],
      ),

    visits: (programId: number) =>
      query<GncVisit>(
        `SELECT v.id_visit, v.id_site, v.date::text AS date, v.json_data, v.id_role, v.obs_txt,
           ${utc('v.timestamp_create', 'created_at')}, ${utc('v.timestamp_update', 'updated_at')}
         FROM gnc_sites.t_visit v JOIN gnc_sites.t_sites s USING (id_site)
         WHERE s.id_program = $1 ORDER BY v.id_visit`,
        [programId],
      ),

    countObservations: async (programId: number) =>
      Number(
        (
          await query<{ n: string }>(
            'SELECT count(*) AS n FROM gnc_obstax.t_obstax WHERE id_program = $1',
            [programId],
          )
        )[0]!.n,
      ),

    /** One page of a programme's observations, by id: `after` is the last id of the page before. */
    observations: (programId: number, after: number, limit: number) =>
      query<GncObservation>(
        `SELECT o.id_observation, o.uuid_sinp::text, o.cd_nom, o.name, o.date::text AS date,
           o.count, o.comment, o.municipality, ST_X(o.geom) AS x, ST_Y(o.geom) AS y, o.json_data,
           o.id_role, o.obs_txt, o.email, o.validation_status::text AS validation_status,
           o.id_validator,
           (SELECT min(c.id_site) FROM gnc_sites.cor_sites_obstax c
            WHERE c.id_obstax = o.id_observation) AS id_site,
           ${utc('o.timestamp_create', 'created_at')}, ${utc('o.timestamp_update', 'updated_at')}
         FROM gnc_obstax.t_obstax o
         WHERE o.id_program = $1 AND o.id_observation > $2
         ORDER BY o.id_observation LIMIT $3`,
        [programId, after, limit],
      ),

    /** The photos of these observations or visits, in the order they were added. */
    photosOf: (owner: 'observations' | 'visits', ids: number[]) =>
      query<GncPhoto>(
        `SELECT c.id_data_source AS owner, m.id_media, m.filename
         FROM ${owner === 'observations' ? 'gnc_obstax.cor_obstax_media' : 'gnc_sites.cor_visites_media'} c
         JOIN gnc_core.t_medias m USING (id_media)
         WHERE c.id_data_source = ANY($1) ORDER BY c.id_data_source, c.id_match`,
        [ids],
      ),

    /** The taxa observed in the programmes that use this TaxHub list. */
    taxaObservedWithList: async (taxonomyList: number) =>
      (
        await query<{ cd_nom: number }>(
          `SELECT DISTINCT o.cd_nom FROM gnc_obstax.t_obstax o
           JOIN gnc_core.t_programs p USING (id_program)
           WHERE p.taxonomy_list = $1 ORDER BY o.cd_nom`,
          [taxonomyList],
        )
      ).map((row) => row.cd_nom),

    async close() {
      await client.query('ROLLBACK').catch(() => {});
      await client.end();
    },
  };
}

export type GncSource = Awaited<ReturnType<typeof openGncSource>>;
