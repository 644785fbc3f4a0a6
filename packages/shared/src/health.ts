import { Type, type Static } from 'typebox';

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  database: Type.Object({
    engine: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
    reachable: Type.Boolean(),
    postgis: Type.Union([Type.String(), Type.Null()]),
    error: Type.Optional(Type.String()),
  }),
  migrations: Type.Object({
    applied: Type.Integer(),
    pending: Type.Array(Type.String()),
    latest: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type Health = Static<typeof Health>;
