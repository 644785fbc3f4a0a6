import { error } from '@sveltejs/kit';
import { errorMessage, type ErrorCode, type ErrorParamsOf } from '@citizen/shared/errors';

/**
 * For load functions: SvelteKit's error page for a registered code, which the page shows in its
 * language (never a sentence in English on a French page).
 */
export function failLoad<C extends ErrorCode>(
  status: number,
  code: C,
  params: ErrorParamsOf<C> = {} as ErrorParamsOf<C>,
): never {
  error(status, { message: errorMessage(code, params), code, params });
}
