/**
 * One ResizeObserver for every element whose width a component lays out by (the node cards, for
 * their pod grids). The browser then calls it once a frame with all the elements that changed, so
 * the page's reactive updates run once, not once per element in a callback of its own.
 */
const listeners = new WeakMap<Element, (width: number) => void>();
let observer: ResizeObserver | undefined;

/** Tell `onWidth` the content width of `element` now and whenever it changes; the answer stops it. */
export function observeWidth(element: Element, onWidth: (width: number) => void): () => void {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.contentRect.width);
  });
  listeners.set(element, onWidth);
  observer.observe(element);
  return () => {
    observer?.unobserve(element);
    listeners.delete(element);
  };
}
