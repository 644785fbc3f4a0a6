import type { ParamMatcher } from '@sveltejs/kit';

/** Observation ids, so that a malformed id is a plain 404 without asking the API. */
export const match: ParamMatcher = (param) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);
