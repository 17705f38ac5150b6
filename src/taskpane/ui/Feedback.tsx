/**
 * The result of the last action, announced to screen readers (errors assertively). It takes focus
 * after an action so keyboard users land on it; a result about a sheet offers to go there.
 */
import { forwardRef } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "./fluent";

export interface FeedbackMessage {
  intent: "success" | "error" | "warning" | "info";
  text: string;
  /** The sheet the action wrote, for "Go to sheet". */
  sheetName?: string;
  /** Lines under the text (funds left out, periods shortened). */
  details?: string[];
}

interface FeedbackProps {
  message: FeedbackMessage | null;
  testId: string;
  onGoToSheet?: (sheetName: string) => void;
}

export const Feedback = forwardRef<HTMLDivElement, FeedbackProps>(function Feedback({ message, testId, onGoToSheet }, ref) {
  const isError = message?.intent === "error";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={isError ? "alert" : "status"}
      aria-live={isError ? "assertive" : "polite"}
      data-testid={testId}
    >
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>
            {message.text}
            {message.details && message.details.length > 0 && (
              <ul style={{ margin: "4px 0 0", paddingLeft: "16px" }}>
                {message.details.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          {message.sheetName && onGoToSheet && (
            <MessageBarActions>
              <Button size="small" onClick={() => onGoToSheet(message.sheetName!)} data-testid={`${testId}-go`}>
                Go to sheet
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
    </div>
  );
});
