import type { Layer, Segment } from "./types";

/** The four layers of the DeepSeek industry chain, in the article's order and wording. */
export const LAYERS: Layer[] = [
  { id: 1, name: "Basic Layer", shortName: "Basic", theme: "Computing Power and Data", source: "tradingkey" },
  { id: 2, name: "Technical Layer", shortName: "Technical", theme: "Algorithms and Toolchain", source: "tradingkey" },
  { id: 3, name: "Application Layer", shortName: "Application", theme: "Industry Solutions", source: "tradingkey" },
  {
    id: 4,
    name: "Ecological Cooperation and Commercialization",
    shortName: "Ecosystem",
    // The article gives this layer no parenthetical; its introduction calls it "ecological cooperation".
    theme: "Ecological Cooperation",
    source: "tradingkey",
  },
];

/**
 * Every segment with the companies the article lists in it, in the article's order. This list is
 * the single source of truth for where companies sit; company placements are derived from it.
 */
export const SEGMENTS: Segment[] = [
  {
    name: "Cloud Services",
    layer: 1,
    aliases: ["Cloud", "Cloud Service", "Cloud Computing"],
    entries: [
      { company: "Amazon", note: "AWS" },
      { company: "Microsoft", note: "Azure" },
      { company: "Alphabet", note: "Cloud" },
      { company: "Alibaba" },
      { company: "Tencent" },
      { company: "Huawei" },
    ],
    source: "tradingkey",
  },
  {
    name: "Chip Manufacturers",
    layer: 1,
    aliases: ["Chips", "Chip Manufacturer", "Chip Makers", "Chipmakers", "Semiconductors"],
    entries: [
      { company: "NVIDIA", note: "GPU" },
      { company: "AMD" },
      { company: "Intel", note: "CPU" },
      { company: "Huawei", note: "Ascend" },
      { company: "Cambricon", note: "Siyuan" },
    ],
    source: "tradingkey",
  },
  {
    name: "Server Manufacturers",
    layer: 1,
    aliases: ["Servers", "Server Manufacturer", "Server Makers"],
    entries: [{ company: "Inspur Information" }],
    source: "tradingkey",
  },
  {
    name: "Data Resources",
    layer: 1,
    aliases: ["Data", "Data Resource"],
    entries: [
      { company: "Wikipedia", note: "public dataset" },
      { company: "Reddit", note: "open-source corpus" },
      { company: "Zhihu" },
      { company: "Weibo" },
      { company: "Haitian RaySound", note: "data annotation" },
    ],
    source: "tradingkey",
  },
  {
    name: "Algorithm Development",
    layer: 2,
    aliases: ["Algorithms", "Algorithm"],
    entries: [{ company: "Hugging Face" }, { company: "GitHub" }, { company: "Meta" }, { company: "OpenAI" }],
    source: "tradingkey",
  },
  {
    name: "Model Training",
    layer: 2,
    aliases: ["Training"],
    entries: [
      { company: "NVIDIA" },
      { company: "DeepMind" },
      { company: "Huawei", note: "MindSpore" },
      { company: "Alibaba", note: "PAI" },
    ],
    source: "tradingkey",
  },
  {
    name: "Finance",
    layer: 3,
    aliases: ["Financial", "Financial Services"],
    entries: [{ company: "Morgan Stanley" }, { company: "Ant Group" }, { company: "Ping An Technology" }],
    source: "tradingkey",
  },
  {
    name: "Healthcare",
    layer: 3,
    aliases: ["Health Care", "Health"],
    entries: [{ company: "IBM" }, { company: "Tempus AI" }, { company: "Yidu Cloud" }],
    source: "tradingkey",
  },
  {
    name: "Education",
    layer: 3,
    aliases: [],
    entries: [{ company: "Coursera" }, { company: "TAL Education Group" }, { company: "Zuoyebang" }],
    source: "tradingkey",
  },
  {
    name: "General Entertainment",
    layer: 3,
    aliases: ["Entertainment"],
    entries: [{ company: "ByteDance" }, { company: "NetEase" }],
    source: "tradingkey",
  },
  {
    name: "Developer Ecosystem",
    layer: 4,
    aliases: ["Developers", "Developer"],
    remark: "a relationship of competition and cooperation with complementary API services",
    entries: [{ company: "OpenAI" }, { company: "Anthropic" }],
    source: "tradingkey",
  },
  {
    name: "Hardware Cooperation",
    layer: 4,
    aliases: ["Hardware"],
    entries: [{ company: "Dell" }, { company: "HPE" }],
    source: "tradingkey",
  },
  {
    name: "Terminal Devices",
    layer: 4,
    aliases: ["Devices", "Terminals", "Terminal Device"],
    entries: [{ company: "Apple" }, { company: "Xiaomi" }, { company: "OPPO" }],
    source: "tradingkey",
  },
];
