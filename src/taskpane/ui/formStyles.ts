/** Layout shared by the views: one column that works from 300 px, controls that wrap. */
import { makeStyles, tokens } from "./fluent";

export const useFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "12px", paddingTop: "8px" },
  group: { display: "flex", flexDirection: "column", gap: "2px" },
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-end" },
  dates: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-start" },
  grow: { flexGrow: 1, minWidth: "120px" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px" },
  hintUnder: { marginTop: "-8px", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minHeight: "1em" },
});
