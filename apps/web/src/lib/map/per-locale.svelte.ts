import { untrack } from 'svelte';
import type { I18n } from '$lib/i18n';

/**
 * For a component's map: runs `mount` once mounted, and again after a switch to another
 * language (MapLibre reads its control texts once, when the map is made), the cleanup between.
 */
export function mountPerLocale(i18n: I18n, mount: () => () => void): void {
  $effect(() => {
    void i18n.locale;
    return untrack(mount);
  });
}
