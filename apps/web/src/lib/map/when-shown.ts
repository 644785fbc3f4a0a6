/**
 * Resolves once `element` is laid out (it and its ancestors displayed), e.g. when a phone's map
 * tab is first opened: a map is only made, and MapLibre only downloaded, for a map someone sees.
 * `cancel` stops waiting (the promise then never resolves).
 */
export function whenShown(element: HTMLElement): { shown: Promise<void>; cancel: () => void } {
  const displayed = () => element.getClientRects().length > 0;
  if (displayed()) return { shown: Promise.resolve(), cancel: () => {} };
  let observer: ResizeObserver | undefined;
  const shown = new Promise<void>((resolve) => {
    observer = new ResizeObserver(() => {
      if (!displayed()) return;
      observer?.disconnect();
      resolve();
    });
    observer.observe(element);
  });
  return { shown, cancel: () => observer?.disconnect() };
}
