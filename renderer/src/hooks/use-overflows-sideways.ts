// Whether an element is wider than the frame around it: a table that cannot fit even with its optional columns hidden.
import { type RefObject, useLayoutEffect, useState } from 'react';

/** Follows both sizes (window, zoom, rows arriving); `false` while `enabled` is off. */
export function useOverflowsSideways(
  frame: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  enabled: boolean,
): boolean {
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const frameElement = frame.current;
    const contentElement = content.current;
    if (!enabled || !frameElement || !contentElement) return;
    // Border-box widths: the answer does not depend on whether the frame is scrolling yet, so it cannot flip back and forth.
    const measure = () => setOverflows(contentElement.getBoundingClientRect().width > frameElement.getBoundingClientRect().width + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(frameElement);
    observer.observe(contentElement);
    return () => observer.disconnect();
  }, [frame, content, enabled]);
  return enabled && overflows;
}
