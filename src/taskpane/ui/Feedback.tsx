/** The result of the last action, announced to screen readers (errors assertively). */
import { MessageBar, MessageBarBody } from "./fluent";

export interface FeedbackMessage {
  intent: "success" | "error" | "warning" | "info";
  text: string;
}

export function Feedback({ message, testId }: { message: FeedbackMessage | null; testId: string }) {
  const isError = message?.intent === "error";
  return (
    <div role={isError ? "alert" : "status"} aria-live={isError ? "assertive" : "polite"} data-testid={testId}>
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
