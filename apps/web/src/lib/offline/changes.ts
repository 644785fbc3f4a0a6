/**
 * Tells every open page of the app that the offline queue or the stored packs changed, so that
 * the lists and counters read them again (this tab through an event, the others through a
 * BroadcastChannel).
 */
const CHANNEL = 'citizen-offline';
const local = new EventTarget();
let channel: BroadcastChannel | undefined;

function broadcast(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  channel ??= new BroadcastChannel(CHANNEL);
  return channel;
}

export function announceChange(): void {
  local.dispatchEvent(new Event('change'));
  broadcast()?.postMessage('change');
}

/** Calls `listener` on every change; returns the function that stops listening. */
export function onChange(listener: () => void): () => void {
  local.addEventListener('change', listener);
  const other = broadcast();
  other?.addEventListener('message', listener);
  return () => {
    local.removeEventListener('change', listener);
    other?.removeEventListener('message', listener);
  };
}
