/**
 * The pane: one tab per kind of sheet it inserts. A new kind of sheet is one more entry in TABS.
 */
import { ReactNode, useState } from "react";
import { FluentProvider, Tab, TabList, Text, makeStyles, tokens, webLightTheme } from "./ui/fluent";
import { DeepSeekShockView } from "./ui/DeepSeekShockView";
import { EtfComparisonView } from "./ui/EtfComparisonView";
import { ValueChainView } from "./ui/ValueChainView";
import { PaneServices } from "./services";

const useStyles = makeStyles({
  root: {
    minWidth: "300px",
    boxSizing: "border-box",
    padding: "12px 12px 0",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  tabs: { flexWrap: "wrap" },
});

export interface PaneTab {
  id: string;
  label: string;
  render: (services: PaneServices) => ReactNode;
}

export const TABS: readonly PaneTab[] = [
  { id: "chain", label: "Value chain", render: (services) => <ValueChainView services={services} /> },
  { id: "etf", label: "ETF comparison", render: (services) => <EtfComparisonView services={services} /> },
  { id: "shock", label: "DeepSeek shock", render: (services) => <DeepSeekShockView services={services} /> },
];

export function App({ services, tabs = TABS }: { services: PaneServices; tabs?: readonly PaneTab[] }) {
  const styles = useStyles();
  const [view, setView] = useState(tabs[0].id);
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <h1 className={styles.heading}>AICHAIN</h1>
        <Text size={200}>
          Insert AI value-chain tables, ETF comparisons and the DeepSeek shock event study into this workbook.
        </Text>
        <TabList
          className={styles.tabs}
          selectedValue={view}
          onTabSelect={(_, data) => setView(String(data.value))}
          aria-label="What to insert"
        >
          {tabs.map((tab) => (
            <Tab key={tab.id} id={`tab-${tab.id}`} value={tab.id} aria-controls={`panel-${tab.id}`}>
              {tab.label}
            </Tab>
          ))}
        </TabList>
        {/* Every panel stays mounted, so switching tabs keeps what the analyst typed. */}
        {tabs.map((tab) => (
          <section key={tab.id} id={`panel-${tab.id}`} role="tabpanel" aria-labelledby={`tab-${tab.id}`} hidden={view !== tab.id}>
            {tab.render(services)}
          </section>
        ))}
      </main>
    </FluentProvider>
  );
}
