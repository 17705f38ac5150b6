/** Layout shared by the views: one column that works from 300 px, controls that wrap. */
import { makeStyles, tokens } from "./fluent";

export const useFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "12px", paddingTop: "8px" },
  group: { display: "flex", flexDirection: "column", gap: "2px" },
  fieldset: { border: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  legend: { padding: 0, marginBottom: "4px", fontWeight: tokens.fontWeightSemibold },
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-start" },
  // Lines the Add button up with the input when the field has a label above it.
  addButton: { marginTop: "26px" },
  dates: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "flex-start" },
  // Fluent's 64 px minimum would put "Max" on a line of its own at 320 px.
  preset: { minWidth: "44px" },
  noWrap: { whiteSpace: "nowrap" },
  presets: { display: "flex", flexWrap: "wrap", gap: "4px" },
  grow: { flexGrow: 1, flexBasis: "120px", minWidth: "120px" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px" },
  fundRow: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "4px" },
  fundMain: { display: "flex", flexDirection: "column", minWidth: 0 },
  fundAbout: {
    marginTop: "-6px",
    paddingLeft: "32px",
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  selectAll: { display: "flex", gap: "4px", flexWrap: "wrap" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minHeight: "1em" },
});
