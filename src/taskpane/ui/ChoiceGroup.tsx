/**
 * A labelled group of checkboxes with a hint or an error under it. Fluent's Field would name
 * every checkbox inside it after the field's label ("Funds", "Funds", …), so a group of several
 * controls gets this instead: the group is named, each checkbox keeps its own name.
 */
import { ReactNode, useId } from "react";
import { makeStyles, tokens } from "./fluent";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "2px" },
  label: { fontWeight: tokens.fontWeightSemibold, marginBottom: "2px" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

interface ChoiceGroupProps {
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
  testId?: string;
}

export function ChoiceGroup({ label, hint, error, children, testId }: ChoiceGroupProps) {
  const styles = useStyles();
  const id = useId();
  const note = error ?? hint;
  return (
    <div
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={note ? `${id}-note` : undefined}
      aria-invalid={error ? true : undefined}
      className={styles.group}
      data-testid={testId}
    >
      <span id={`${id}-label`} className={styles.label}>
        {label}
      </span>
      {children}
      {note && (
        <span id={`${id}-note`} className={error ? styles.error : styles.hint} role={error ? "alert" : undefined}>
          {note}
        </span>
      )}
    </div>
  );
}
