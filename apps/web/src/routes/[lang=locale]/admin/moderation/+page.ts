import { listForModeration, type ModerationFilters } from '$lib/admin/people/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('admin:moderation');
  const params = url.searchParams;
  const id = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const filters: ModerationFilters = {
    state: params.get('state') === 'hidden' ? 'hidden' : 'recent',
    hasPhoto: params.get('photos') === '1' ? true : undefined,
    observer: id('observer'),
    program: id('program'),
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
  return { filters, list: await listForModeration(fetch, filters) };
};
