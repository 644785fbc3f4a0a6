import { getAuthOptions } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ options: await getAuthOptions(fetch) });
