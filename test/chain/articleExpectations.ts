/**
 * The value chain as the article lists it, written out by hand for the tests so they check the
 * knowledge base against an independent reading rather than against itself.
 * Each row: the company's name, every Yahoo symbol it should answer to (primary first, none when
 * unlisted), and its places as [layer number, segment, note?] in the article's order.
 */
export type ExpectedPlace = [1 | 2 | 3 | 4, string, string?];
export interface ExpectedCompany {
  name: string;
  symbols: string[];
  places: ExpectedPlace[];
}

export const EXPECTED_CHAIN: ExpectedCompany[] = [
  { name: "Amazon", symbols: ["AMZN"], places: [[1, "Cloud Services", "AWS"]] },
  { name: "Microsoft", symbols: ["MSFT"], places: [[1, "Cloud Services", "Azure"]] },
  { name: "Google", symbols: ["GOOGL", "GOOG"], places: [[1, "Cloud Services", "Cloud"]] },
  {
    name: "Alibaba",
    symbols: ["9988.HK", "BABA"],
    places: [
      [1, "Cloud Services"],
      [2, "Model Training", "PAI"],
    ],
  },
  { name: "Tencent", symbols: ["0700.HK"], places: [[1, "Cloud Services"]] },
  {
    name: "Huawei",
    symbols: [],
    places: [
      [1, "Cloud Services"],
      [1, "Chip Manufacturers", "Ascend"],
      [2, "Model Training", "MindSpore"],
    ],
  },
  {
    name: "NVIDIA",
    symbols: ["NVDA"],
    places: [
      [1, "Chip Manufacturers", "GPU"],
      [2, "Model Training"],
    ],
  },
  { name: "AMD", symbols: ["AMD"], places: [[1, "Chip Manufacturers"]] },
  { name: "Intel", symbols: ["INTC"], places: [[1, "Chip Manufacturers", "CPU"]] },
  { name: "Cambricon", symbols: ["688256.SS"], places: [[1, "Chip Manufacturers", "Siyuan"]] },
  { name: "Inspur Information", symbols: ["000977.SZ"], places: [[1, "Server Manufacturers"]] },
  { name: "Wikipedia", symbols: [], places: [[1, "Data Resources", "public dataset"]] },
  { name: "Reddit", symbols: ["RDDT"], places: [[1, "Data Resources", "open-source corpus"]] },
  { name: "Zhihu", symbols: ["2390.HK", "ZH"], places: [[1, "Data Resources"]] },
  { name: "Weibo", symbols: ["9898.HK", "WB"], places: [[1, "Data Resources"]] },
  { name: "Haitian RaySound", symbols: ["688787.SS"], places: [[1, "Data Resources", "data annotation"]] },
  { name: "Hugging Face", symbols: [], places: [[2, "Algorithm Development"]] },
  { name: "Github", symbols: [], places: [[2, "Algorithm Development"]] },
  { name: "Meta", symbols: ["META"], places: [[2, "Algorithm Development"]] },
  {
    name: "OpenAI",
    symbols: [],
    places: [
      [2, "Algorithm Development"],
      [4, "Developer Ecosystem"],
    ],
  },
  { name: "Deepmind", symbols: [], places: [[2, "Model Training"]] },
  { name: "Morgan Stanley", symbols: ["MS"], places: [[3, "Finance"]] },
  { name: "Ant Group", symbols: [], places: [[3, "Finance"]] },
  { name: "Ping An Technology", symbols: [], places: [[3, "Finance"]] },
  { name: "IBM", symbols: ["IBM"], places: [[3, "Healthcare"]] },
  { name: "Tempus AI", symbols: ["TEM"], places: [[3, "Healthcare"]] },
  { name: "Yidu Cloud", symbols: ["2158.HK"], places: [[3, "Healthcare"]] },
  { name: "Coursera", symbols: ["COUR"], places: [[3, "Education"]] },
  { name: "TAL Education Group", symbols: ["TAL"], places: [[3, "Education"]] },
  { name: "Zuoyebang", symbols: [], places: [[3, "Education"]] },
  { name: "ByteDance", symbols: [], places: [[3, "General Entertainment"]] },
  { name: "NetEase", symbols: ["9999.HK", "NTES"], places: [[3, "General Entertainment"]] },
  { name: "Anthropic", symbols: [], places: [[4, "Developer Ecosystem"]] },
  { name: "Dell", symbols: ["DELL"], places: [[4, "Hardware Cooperation"]] },
  { name: "HPE", symbols: ["HPE"], places: [[4, "Hardware Cooperation"]] },
  { name: "Apple", symbols: ["AAPL"], places: [[4, "Terminal Devices"]] },
  { name: "Xiaomi", symbols: ["1810.HK"], places: [[4, "Terminal Devices"]] },
  { name: "OPPO", symbols: [], places: [[4, "Terminal Devices"]] },
];

/** Companies the article names outside the chain list, with their primary symbol (null if none). */
export const EXPECTED_NAMED_ONLY: [string, string | null][] = [
  ["DeepSeek", null],
  ["xAI", null],
  ["Mistral", null],
  ["Hims & Hers", "HIMS"],
  ["Applovin", "APP"],
  ["Bank of America", "BAC"],
  ["Broadcom", "AVGO"],
  ["Qualcomm", "QCOM"],
  ["Texas Instruments", "TXN"],
  ["Tesla", "TSLA"],
  ["Marvell", "MRVL"],
  ["Costco", "COST"],
  ["Fitch", null],
  ["JD.com", "9618.HK"],
  ["Semiconductor Manufacturing International Corporation", "0981.HK"],
  ["Meituan", "3690.HK"],
  ["Li Auto", "2015.HK"],
  ["XPeng Motors", "9868.HK"],
  ["Goldman Sachs", "GS"],
  ["Deutsche Bank", "DBK.DE"],
  ["Invesco", "IVZ"],
  ["iShares", null],
  ["CSOP", null],
];

export const LAYER_NAMES = [
  "Basic Layer",
  "Technical Layer",
  "Application Layer",
  "Ecological Cooperation and Commercialization",
];
