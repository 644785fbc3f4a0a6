import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/** What the chunk grouping reads of the module graph (rolldown's ChunkingContext). */
interface ModuleGraph {
  getModuleInfo(
    id: string,
  ): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

/** The route files of the nodes every page loads: root layout and error page, language layout. */
const SHELL_ROUTE =
  /[\\/]src[\\/]routes[\\/](\+layout\.|\+error\.svelte$|\[lang=locale\][\\/]\+layout\.)/;
const HOME_ROUTE = /[\\/]src[\\/]routes[\\/]\[lang=locale\][\\/]\+page\.svelte$/;
const PROGRAMME_ROUTE =
  /[\\/]src[\\/]routes[\\/]\[lang=locale\][\\/]programs[\\/]\[id=integer\][\\/]\+page\.svelte$/;
/** The observation programme's view, which the programme page imports when it shows one. */
const OBSERVATION_VIEW = /[\\/]programs[\\/]\[id=integer\][\\/]ObservationProgram\.svelte$/;
const MAP_SETUP = /[\\/]src[\\/]lib[\\/]map[\\/]setup\.ts$/;

/**
 * Groups the browser's modules into fewer chunks than the bundler's default (one chunk per set of
 * pages and on-demand parts sharing modules: some 40 small files on the programme page), so that
 * each file compresses with more context and the pages list fewer files:
 * - shell: what every page loads (SvelteKit's start, the root and language layouts, the error
 *   page, and all they import), with the modules both the home and programme pages use;
 * - the rest of the programme page's first view: `map` (shared only with pages that have a map,
 *   which download MapLibre anyway), `shared` (with other pages too), `programme` (the page's
 *   own) and `observations` (its observation programme view's, which a site programme's page
 *   does not download).
 * The rest (other pages, and what is imported on demand) is split as before. The service
 * worker caches every chunk at install (its `build` list), whatever their number.
 */
function chunkGroups() {
  let inputs: Record<string, string> | null = null;
  let plan: Map<string, string> | null = null;

  const plugin: Plugin = {
    name: 'citizen-chunk-groups',
    apply: 'build',
    buildStart(options) {
      plan = null;
      const input = options.input;
      // The browser build only (SvelteKit's entries), not the server's.
      inputs =
        input && !Array.isArray(input) && 'entry/start' in input && 'entry/app' in input
          ? input
          : null;
    },
  };

  function makePlan(entries: Record<string, string>, graph: ModuleGraph): Map<string, string> {
    const info = (id: string) => graph.getModuleInfo(id);
    /** The modules these load with them: theirs and what those import, statically. */
    const closure = (roots: Iterable<string>): Set<string> => {
      const seen = new Set<string>();
      const stack = [...roots];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (seen.has(id) || !info(id)) continue;
        seen.add(id);
        stack.push(...info(id)!.importedIds);
      }
      return seen;
    };
    const nodes = Object.entries(entries)
      .filter(([name]) => name.startsWith('nodes/'))
      .map(([, id]) => id);
    const node = (route: RegExp) =>
      nodes.find((id) => info(id)?.importedIds.some((file) => route.test(file)));
    const shellRoots = [
      entries['entry/start']!,
      entries['entry/app']!,
      ...nodes.filter((id) => info(id)?.importedIds.some((file) => SHELL_ROUTE.test(file))),
    ];
    const home = node(HOME_ROUTE);
    const programme = node(PROGRAMME_ROUTE);
    const result = new Map<string, string>();
    if (!home || !programme) return result;

    // What loads on its own: each page and each module imported on demand ("roots").
    const roots = new Set(nodes);
    const all = closure(nodes);
    for (const id of [...all]) {
      for (const target of info(id)!.dynamicallyImportedIds) {
        roots.add(target);
        for (const more of closure([target])) all.add(more);
      }
    }
    // The roots that load each module, and those with a map.
    const usedBy = new Map<string, Set<string>>();
    const mapRoots = new Set<string>();
    for (const root of roots) {
      for (const id of closure([root])) {
        if (!usedBy.has(id)) usedBy.set(id, new Set());
        usedBy.get(id)!.add(root);
        if (MAP_SETUP.test(id)) mapRoots.add(root);
      }
    }
    const users = (id: string) => [...(usedBy.get(id) ?? [])];
    const importersOf = new Map<string, string[]>();
    for (const id of all) {
      for (const target of info(id)!.dynamicallyImportedIds) {
        importersOf.set(target, [...(importersOf.get(target) ?? []), id]);
      }
    }
    /** These roots and those only they import (their on-demand parts, which load after them). */
    const family = (start: string[]): Set<string> => {
      const members = new Set(start);
      for (let grew = true; grew;) {
        grew = false;
        for (const root of roots) {
          const parents = (importersOf.get(root) ?? []).flatMap(users);
          if (!members.has(root) && parents.length > 0 && parents.every((p) => members.has(p))) {
            members.add(root);
            grew = true;
          }
        }
      }
      return members;
    };

    const pageModules = closure([programme]);
    const view = [...pageModules]
      .flatMap((id) => info(id)!.dynamicallyImportedIds)
      .filter((id) => OBSERVATION_VIEW.test(id));
    const programmeRoots = family([programme]);
    const viewRoots = family(view);

    const shell = closure(shellRoots);
    for (const id of all) {
      const by = users(id);
      if (by.includes(home) && by.some((root) => root === programme || view.includes(root))) {
        shell.add(id);
      }
    }
    for (const id of closure(shell)) result.set(id, 'shell');

    // The rest of the programme page's first view, in three groups (in this order), each with
    // the roots allowed to load it. A group takes what its modules import: a module joins only
    // with all it imports that no group took before, and only if those load with the same roots.
    const shared = (id: string) => users(id).some((root) => !programmeRoots.has(root));
    const groups: [string, (id: string) => boolean, (root: string) => boolean][] = [
      // Shared with pages that all have a map (and download MapLibre anyway).
      ['map', shared, (root) => mapRoots.has(root) || programmeRoots.has(root)],
      // Shared with other pages too: one chunk rather than one each.
      ['shared', shared, () => true],
      // The page's own, which its observation view may import too.
      [
        'programme',
        (id) => pageModules.has(id) || !users(id).every((root) => viewRoots.has(root)),
        (root) => programmeRoots.has(root),
      ],
      // The observation view's: a site programme's page does not download it.
      ['observations', () => true, (root) => viewRoots.has(root)],
    ];
    const candidates = [...closure([programme, ...view])].filter((id) => !result.has(id));
    for (const [group, fits, allowed] of groups) {
      for (const id of candidates) {
        if (result.has(id) || !fits(id)) continue;
        const joining = [...closure([id])].filter((dep) => !result.has(dep));
        if (joining.every((dep) => users(dep).every(allowed))) {
          for (const dep of joining) result.set(dep, group);
        }
      }
    }
    return result;
  }

  /** The group's name for the modules the plan puts in it, else null (left to the bundler). */
  const inGroup =
    (group: string) =>
    (id: string, graph: ModuleGraph): string | null => {
      if (!inputs) return null;
      plan ??= makePlan(inputs, graph);
      return plan.get(id) === group ? group : null;
    };

  return {
    plugin,
    // In this order: a group also takes the modules its own import that no group before took.
    groups: ['shell', 'map', 'shared', 'programme', 'observations'].map((group, index, all) => ({
      name: inGroup(group),
      priority: all.length - index,
    })),
  };
}

const groups = chunkGroups();

export default defineConfig({
  plugins: [sveltekit(), groups.plugin],
  build: {
    // MapLibre is one ~1 MB chunk, loaded lazily by the map component only.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: groups.groups } },
    },
  },
  server: {
    // In the browser the app calls /api on its own origin; in dev, Vite forwards it to the API.
    proxy: { '/api': process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3000' },
  },
});
