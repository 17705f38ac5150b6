/**
 * The message under a tab's action buttons: what the last action did, with keyboard focus moved
 * to it, and "Go to sheet" for a sheet the pane wrote. One piece for every tab, so they report
 * alike.
 */
import { RefObject, useRef, useState } from "react";
import type { ExcelRunner } from "../services";
import { activateSheet } from "../sheets/activateSheet";
import type { FeedbackMessage } from "../ui/Feedback";

export function useFeedback(excelRun: ExcelRunner, focusAfterRender: (target: RefObject<HTMLElement | null>) => void) {
  const [message, setMessage] = useState<FeedbackMessage | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);

  /** Shows `next` and moves focus to it after the render. */
  function report(next: FeedbackMessage) {
    setMessage(next);
    focusAfterRender(feedbackRef);
  }

  async function goToSheet(sheetName: string) {
    try {
      await excelRun((context) => activateSheet(context, sheetName));
    } catch (err) {
      report({ intent: "error", text: err instanceof Error ? err.message : String(err) });
    }
  }

  return { message, setMessage, feedbackRef, report, goToSheet };
}
