import { listAudit, listTeam, type AuditFilters } from '$lib/admin/people/api';
import type { PageLoad } from './$types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageLoad = async ({ fetch, url }) => {
  const params = url.searchParams;
  const id = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : undefined;
  };
  const filters: AuditFilters = {
    actorId: id('actor'),
    userId: id('user'),
    event: params.get('event')?.trim() || undefined,
    from: date('from'),
    to: date('to'),
    before: id('before'),
  };
  const [log, team] = await Promise.all([listAudit(fetch, filters), listTeam(fetch)]);
  return { filters, log, team };
};
