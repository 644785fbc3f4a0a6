import { listAdminPrograms } from '$lib/admin/programs/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ programs: await listAdminPrograms(fetch) });
