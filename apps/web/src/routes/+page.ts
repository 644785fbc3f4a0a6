import { redirectToLanguage } from '$lib/language-redirect';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => redirectToLanguage(fetch, url);
