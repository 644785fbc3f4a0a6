import { onMount } from 'svelte';

/**
 * False until the page's script runs. The forms that send through the API have no server-side
 * path: sent earlier (a tap on a slow phone), the browser would reload the page empty. Their
 * send button waits for `ready` (a disabled default button also stops a submit by Enter).
 */
export function pageInteractive(): { readonly ready: boolean } {
  const state = $state({ ready: false });
  onMount(() => {
    state.ready = true;
  });
  return state;
}
