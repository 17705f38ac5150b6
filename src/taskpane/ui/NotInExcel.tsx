/**
 * Shown when the page is opened anywhere but Excel (a browser tab pointed at the server, say):
 * there is no workbook to write to, so the pane explains where it belongs instead of offering
 * buttons that could only fail.
 */
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, webLightTheme } from "./fluent";

const useStyles = makeStyles({ root: { padding: "12px" } });

export function NotInExcel() {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <MessageBar intent="info" role="status">
          <MessageBarBody>
            <MessageBarTitle>AICHAIN runs inside Excel.</MessageBarTitle>
            Open a workbook in Excel (desktop or on the web) with the add-in loaded, then choose AICHAIN on the Home tab. The
            =AICHAIN functions work in any cell.
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
