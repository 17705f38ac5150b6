/** The pane: two tabs, one per kind of sheet it inserts. */
import { useState } from "react";
import {
  FluentProvider,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from "./ui/fluent";
import { EtfComparisonView } from "./ui/EtfComparisonView";
import { ValueChainView } from "./ui/ValueChainView";
import { PaneServices } from "./services";

const useStyles = makeStyles({
  root: {
    minWidth: "300px",
    boxSizing: "border-box",
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  tabs: { flexWrap: "wrap" },
});

type View = "chain" | "etf";

export function App({ services }: { services: PaneServices }) {
  const styles = useStyles();
  const [view, setView] = useState<View>("chain");
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <h1 className={styles.heading}>AICHAIN</h1>
        <Text size={200}>Insert AI value-chain tables and ETF comparisons into this workbook.</Text>
        <TabList
          className={styles.tabs}
          selectedValue={view}
          onTabSelect={(_, data) => setView(data.value as View)}
          aria-label="What to insert"
        >
          <Tab id="tab-chain" value="chain" aria-controls="panel-chain">
            Value chain
          </Tab>
          <Tab id="tab-etf" value="etf" aria-controls="panel-etf">
            ETF comparison
          </Tab>
        </TabList>
        <section id="panel-chain" role="tabpanel" aria-labelledby="tab-chain" hidden={view !== "chain"}>
          <ValueChainView services={services} />
        </section>
        <section id="panel-etf" role="tabpanel" aria-labelledby="tab-etf" hidden={view !== "etf"}>
          <EtfComparisonView services={services} />
        </section>
      </main>
    </FluentProvider>
  );
}
