/**
 * A date typed as YYYY-MM-DD, the way the sheets write dates. The browser's date picker would show
 * the operating system's format (01/01/2025), which the sheets never use.
 */
import { forwardRef } from "react";
import { Input } from "./fluent";

interface DateInputProps {
  value: string;
  onChange: (value: string) => void;
  "data-testid"?: string;
}

export const DateInput = forwardRef<HTMLInputElement, DateInputProps>(function DateInput({ value, onChange, ...rest }, ref) {
  return (
    <Input
      ref={ref}
      value={value}
      placeholder="YYYY-MM-DD"
      inputMode="numeric"
      maxLength={10}
      autoComplete="off"
      // A native text box is 20 characters wide unless told otherwise, which pushed two date
      // fields side by side past a 320 px pane; ten characters is a date.
      input={{ size: 10 }}
      style={{ minWidth: 0 }}
      onChange={(_, d) => onChange(d.value)}
      {...rest}
    />
  );
});
