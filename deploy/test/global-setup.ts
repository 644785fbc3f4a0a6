import path from 'node:path';
import { laneMissing, POSTGRES_HOW_TO, postgresProblem } from '../../test/lanes.js';
import { FILE_NEEDS, missingTools } from './tools.js';

/** One line for each tool the deployment tests lack here (vitest.config.ts leaves their files out). */
export default async function setup() {
  for (const { tool, notRun, howTo } of missingTools()) {
    laneMissing(tool, 'not on the PATH', `not run: ${notRun.join('; ')}`, howTo);
  }
  const problem = await postgresProblem();
  if (problem) {
    const files = Object.keys(FILE_NEEDS)
      .filter((f) => FILE_NEEDS[f]!.includes('postgres'))
      .map((f) => path.basename(f));
    laneMissing('postgres', problem, `not run: ${files.join(', ')}`, POSTGRES_HOW_TO);
  }
}
