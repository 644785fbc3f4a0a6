import type { ColumnType } from 'kysely';

/** Column types the tables share. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp with no default: every insert gives it. */
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** A PostGIS geometry: written with sql<string>`ST_...`, read with ST_AsGeoJSON. */
export type Geometry = string;
export type Json = ColumnType<unknown, string, string>;
export type JsonWithDefault = ColumnType<unknown, string | undefined, string>;
