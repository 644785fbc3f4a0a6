import type { Reporter, TestModule } from 'vitest/node';

/** At the end of a run, one line per project: how many tests passed, failed and were skipped. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const counts = new Map<string, Record<string, number>>();
    for (const module of modules) {
      const project = counts.get(module.project.name) ?? {};
      counts.set(module.project.name, project);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        project[state] = (project[state] ?? 0) + 1;
      }
    }
    for (const [name, byState] of [...counts].sort()) {
      const parts = Object.entries(byState).map(([state, n]) => `${n} ${state}`);
      console.log(`[tests] ${name}: ${parts.join(', ')}`);
    }
  }
}
