/** A hand-made four-layer chain, small enough to know every row of the table it makes. */
import { ChainCompanyInfo, ChainLayerInfo } from "../../src/taskpane/sheets/chainTypes";

export const LAYERS_FIXTURE: ChainLayerInfo[] = [
  { id: 1, name: "Basic Layer", shortName: "Basic" },
  { id: 2, name: "Technical Layer", shortName: "Technical" },
  { id: 3, name: "Application Layer", shortName: "Application" },
  { id: 4, name: "Ecological Cooperation and Commercialization", shortName: "Ecosystem" },
];

export const COMPANIES_FIXTURE: ChainCompanyInfo[] = [
  { name: "NVIDIA", ticker: "NVDA", region: "US", status: "listed", placements: [{ layer: 1, segment: "Chip Manufacturers" }, { layer: 2, segment: "Model Training" }] },
  { name: "Amazon", ticker: "AMZN", region: "US", status: "listed", placements: [{ layer: 1, segment: "Cloud Services" }] },
  { name: "Cambricon", ticker: "688256.SS", region: "China", status: "listed", placements: [{ layer: 1, segment: "Chip Manufacturers" }] },
  { name: "OpenAI", ticker: null, region: "US", status: "private", placements: [{ layer: 2, segment: "Algorithm Development" }, { layer: 4, segment: "Developer Ecosystem" }] },
  { name: "Coursera", ticker: "COUR", region: "US", status: "listed", placements: [{ layer: 3, segment: "Education" }] },
  { name: "Apple", ticker: "AAPL", region: "US", status: "listed", placements: [{ layer: 4, segment: "Terminal Devices" }] },
  { name: "Not in the chain", ticker: "ZZZ", region: "US", status: "listed", placements: [] },
];

export const CHAIN_FIXTURE = { layers: LAYERS_FIXTURE, companies: COMPANIES_FIXTURE };
