/**
 * Moves keyboard focus after the next render: to the first field at fault, or to the message
 * that reports an action's result, so focus never falls back to the page.
 */
import { RefObject, useEffect, useRef } from "react";

export function usePendingFocus(): (target: RefObject<HTMLElement | null>) => void {
  const pending = useRef<RefObject<HTMLElement | null> | null>(null);
  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    const element = target?.current;
    if (!element) return;
    element.focus();
    // Centred, so the sticky footer at the bottom of the pane does not cover it.
    element.scrollIntoView?.({ block: "center" });
  });
  return (target) => {
    pending.current = target;
  };
}
