/** A hand-made four-layer chain, small enough to know every row of the table it makes. */
import { ChainEntryInfo, ChainLayerInfo } from "../../src/taskpane/sheets/chainTypes";

export const LAYERS_FIXTURE: ChainLayerInfo[] = [
  { id: 1, name: "Basic Layer", shortName: "Basic" },
  { id: 2, name: "Technical Layer", shortName: "Technical" },
  { id: 3, name: "Application Layer", shortName: "Application" },
  { id: 4, name: "Ecological Cooperation and Commercialization", shortName: "Ecosystem" },
];

const company = (name: string, ticker: string | null, region = "US", status = "listed") => ({ name, ticker, region, status });
const NVIDIA = company("NVIDIA", "NVDA");
const OPENAI = company("OpenAI", null, "US", "private");

/** In the article's order: segment by segment, companies as it names them. */
export const ENTRIES_FIXTURE: ChainEntryInfo[] = [
  { company: NVIDIA, placement: { layer: 1, segment: "Chip Manufacturers" } },
  { company: company("Cambricon", "688256.SS", "China"), placement: { layer: 1, segment: "Chip Manufacturers" } },
  { company: company("Amazon", "AMZN"), placement: { layer: 1, segment: "Cloud Services" } },
  { company: OPENAI, placement: { layer: 2, segment: "Algorithm Development" } },
  { company: NVIDIA, placement: { layer: 2, segment: "Model Training" } },
  { company: company("Coursera", "COUR"), placement: { layer: 3, segment: "Education" } },
  { company: OPENAI, placement: { layer: 4, segment: "Developer Ecosystem" } },
  { company: company("Apple", "AAPL"), placement: { layer: 4, segment: "Terminal Devices" } },
];

export const CHAIN_FIXTURE = { layers: LAYERS_FIXTURE, entries: ENTRIES_FIXTURE };
