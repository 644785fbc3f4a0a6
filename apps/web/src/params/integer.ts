import type { ParamMatcher } from '@sveltejs/kit';

/** Positive integer ids, so that /programs/abc is a plain 404 without asking the API. */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,15}$/.test(param);
