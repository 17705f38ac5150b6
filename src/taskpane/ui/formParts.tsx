/**
 * Small pieces every tab's form is built from, so a rule about how a field, a checkbox row or the
 * progress line looks and reads out is written once: the form itself, a field with its hint or
 * its error, a short text box, Select all / Select none, a checkbox with a line about it, and
 * the live progress line of the footer.
 */
import { ForwardedRef, ReactNode, RefObject, forwardRef } from "react";
import { Button, Checkbox, Field, Input, ProgressBar } from "./fluent";
import { useFormStyles } from "./formStyles";

/** A form that runs `onSubmit` (Enter or the primary button) and leaves checking to the pane. */
export function PaneForm({ label, onSubmit, children }: { label: string; onSubmit: () => void; children: ReactNode }) {
  const styles = useFormStyles();
  return (
    <form
      className={styles.form}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A labelled field that shows its hint, or in its place the error about it (marked invalid). */
export function CheckedField({
  label,
  error,
  hint,
  grow = true,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  /** Share a row with other fields (wrapping under them in a narrow pane). */
  grow?: boolean;
  children: ReactNode;
}) {
  const styles = useFormStyles();
  return (
    <Field
      label={label}
      className={grow ? styles.grow : undefined}
      validationState={error ? "error" : "none"}
      validationMessage={error}
      hint={error ? undefined : hint}
    >
      {children}
    </Field>
  );
}

interface ShortInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Characters the box is sized for (it may shrink in a narrow pane). */
  size: number;
  placeholder?: string;
  numeric?: boolean;
  onEnter?: () => void;
  "data-testid"?: string;
}

/** A text box sized for a symbol or a number that never pushes past the pane's edge. */
export const ShortInput = forwardRef(function ShortInput(
  { value, onChange, size, placeholder, numeric, onEnter, ...rest }: ShortInputProps,
  ref: ForwardedRef<HTMLInputElement>,
) {
  return (
    <Input
      ref={ref}
      value={value}
      placeholder={placeholder}
      inputMode={numeric ? "numeric" : undefined}
      input={{ size }}
      style={{ minWidth: 0 }}
      autoComplete="off"
      onChange={(_, d) => onChange(d.value)}
      onKeyDown={
        onEnter &&
        ((e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onEnter();
          }
        })
      }
      data-testid={rest["data-testid"]}
    />
  );
});

/** Select all / Select none over a group of checkboxes. */
export function SelectAllNone({ onAll, onNone, testIdPrefix }: { onAll: () => void; onNone: () => void; testIdPrefix: string }) {
  const styles = useFormStyles();
  return (
    <div className={styles.selectAll}>
      <Button size="small" appearance="subtle" onClick={onAll} data-testid={`${testIdPrefix}-all`}>
        Select all
      </Button>
      <Button size="small" appearance="subtle" onClick={onNone} data-testid={`${testIdPrefix}-none`}>
        Select none
      </Button>
    </div>
  );
}

/** A checkbox with a smaller line under it that a screen reader reads as its description. */
export function DescribedCheckbox({
  id,
  label,
  checked,
  onChange,
  about,
  inputRef,
}: {
  /** Unique in the page: names the description. */
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  about: ReactNode;
  inputRef?: RefObject<HTMLInputElement>;
}) {
  const styles = useFormStyles();
  return (
    <div className={styles.fundMain}>
      <Checkbox
        ref={inputRef}
        label={label}
        checked={checked}
        onChange={(_, data) => onChange(data.checked === true)}
        aria-describedby={`${id}-about`}
      />
      <span id={`${id}-about`} className={styles.fundAbout}>
        {about}
      </span>
    </div>
  );
}

/** The footer's live progress line: what is happening and, when counted, how far along it is. */
export function BusyProgress({
  busy,
  text,
  fraction,
  testId,
}: {
  busy: boolean;
  text: string;
  /** Done as a share of the whole (0 to 1); undefined shows a moving bar. */
  fraction?: number;
  testId: string;
}) {
  return (
    <div role="status" aria-live="polite" data-testid={testId}>
      {busy && (
        <Field validationMessage={text} validationState="none">
          <ProgressBar aria-label="Progress" value={fraction} />
        </Field>
      )}
    </div>
  );
}

/**
 * The footer's buttons for a sheet that refreshes: the primary Insert (the form's submit), Refresh
 * sheet, and Cancel while loading can still be stopped. Test ids are `insert-`, `refresh-` and
 * `cancel-` followed by `testIdSuffix`.
 */
export function SheetActions({
  insertLabel,
  disabled,
  cancellable,
  onRefresh,
  onCancel,
  testIdSuffix,
}: {
  insertLabel: string;
  disabled: boolean;
  cancellable: boolean;
  onRefresh: () => void;
  onCancel: () => void;
  testIdSuffix: string;
}) {
  const styles = useFormStyles();
  return (
    <div className={styles.actions}>
      <Button appearance="primary" type="submit" disabled={disabled} data-testid={`insert-${testIdSuffix}`}>
        {insertLabel}
      </Button>
      <Button onClick={onRefresh} disabled={disabled} data-testid={`refresh-${testIdSuffix}`}>
        Refresh sheet
      </Button>
      {cancellable && (
        <Button onClick={onCancel} data-testid={`cancel-${testIdSuffix}`}>
          Cancel
        </Button>
      )}
    </div>
  );
}
