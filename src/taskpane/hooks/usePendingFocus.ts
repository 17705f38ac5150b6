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
    target?.current?.focus();
  });
  return (target) => {
    pending.current = target;
  };
}
