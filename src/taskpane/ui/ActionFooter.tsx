/**
 * The primary action and its feedback, stuck to the bottom of the pane so they stay in sight
 * however long the form above is (a 320 × 640 pane shows the form scrolled, the footer always).
 */
import type { ReactNode } from "react";
import { makeStyles, tokens } from "./fluent";

const useStyles = makeStyles({
  footer: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    marginLeft: "-12px",
    marginRight: "-12px",
    padding: "8px 12px 12px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    // A long message scrolls inside the footer rather than pushing the buttons out of sight.
    maxHeight: "45vh",
    overflowY: "auto",
  },
});

export function ActionFooter({ children, testId }: { children: ReactNode; testId: string }) {
  const styles = useStyles();
  return (
    <div className={styles.footer} data-testid={testId}>
      {children}
    </div>
  );
}
