import { COMPANIES, companyBySymbol, findCompany, isInChain } from "../../src/chain";
import type { Company } from "../../src/chain";
import { EXPECTED_CHAIN, EXPECTED_NAMED_ONLY } from "./articleExpectations";

/** A company's own places (not those held through a subsidiary) in the expectation's shape. */
function ownPlaces(company: Company): [number, string, string?][] {
  return company.placements
    .filter((p) => p.via === undefined)
    .map((p) => (p.note === undefined ? [p.layer, p.segment] : [p.layer, p.segment, p.note]));
}

describe("every company in the article's chain", () => {
  test.each(EXPECTED_CHAIN.map((e) => [e.name, e] as const))("%s resolves by name to its places", (_, expected) => {
    const company = findCompany(expected.name);
    expect(company).toBeDefined();
    expect(ownPlaces(company!)).toEqual(expected.places);
    expect(isInChain(company!)).toBe(true);
  });

  test.each(EXPECTED_CHAIN.filter((e) => e.symbols.length > 0).map((e) => [e.name, e] as const))(
    "%s resolves by every symbol, primary first",
    (_, expected) => {
      const company = findCompany(expected.name)!;
      expect(company.ticker).toBe(expected.symbols[0]);
      expect(company.listings).toEqual(expected.symbols);
      for (const symbol of expected.symbols) {
        expect(companyBySymbol(symbol)).toBe(company);
        expect(findCompany(symbol)).toBe(company);
        expect(findCompany(symbol.toLowerCase())).toBe(company);
      }
    },
  );

  test("unlisted chain companies have no ticker and no listings", () => {
    for (const expected of EXPECTED_CHAIN.filter((e) => e.symbols.length === 0)) {
      const company = findCompany(expected.name)!;
      expect([company.name, company.ticker, company.listings]).toEqual([company.name, null, []]);
      expect(company.status).not.toBe("listed");
    }
  });

  test("the knowledge base places exactly the article's companies", () => {
    const placed = COMPANIES.filter(isInChain).map((c) => c.name);
    const expected = EXPECTED_CHAIN.map((e) => findCompany(e.name)!.name);
    expect(placed.sort()).toEqual(expected.sort());
  });
});

describe("companies named outside the chain", () => {
  test.each(EXPECTED_NAMED_ONLY)("%s is known, with ticker %s, but not placed", (name, ticker) => {
    const company = findCompany(name);
    expect(company).toBeDefined();
    expect(company!.ticker).toBe(ticker);
    expect(company!.placements).toEqual([]);
    expect(isInChain(company!)).toBe(false);
  });

  test("Hang Seng Tech names carry their Hong Kong line first and their other listings after it", () => {
    expect(findCompany("JD.com")!.listings).toEqual(["9618.HK", "JD"]);
    expect(findCompany("SMIC")!.listings).toEqual(["0981.HK", "688981.SS"]);
    expect(findCompany("Li Auto")!.listings).toEqual(["2015.HK", "LI"]);
    expect(findCompany("XPeng")!.listings).toEqual(["9868.HK", "XPEV"]);
    expect(companyBySymbol("XPEV")!.name).toBe("XPeng");
  });
});

describe("companies in several places keep every place in the article's order", () => {
  const places = (text: string) =>
    findCompany(text)!.placements.map((p) => `${p.layer}:${p.segment}${p.via ? ` via ${p.via}` : ""}`);

  test("NVIDIA: chips, then model training", () => {
    expect(places("NVDA")).toEqual(["1:Chip Manufacturers", "2:Model Training"]);
  });
  test("Huawei: cloud, chips (Ascend), model training (MindSpore)", () => {
    expect(places("Huawei")).toEqual(["1:Cloud Services", "1:Chip Manufacturers", "2:Model Training"]);
    expect(findCompany("Huawei")!.placements.map((p) => p.note)).toEqual([undefined, "Ascend", "MindSpore"]);
  });
  test("Alibaba: cloud, then model training (PAI)", () => {
    expect(places("BABA")).toEqual(["1:Cloud Services", "2:Model Training"]);
  });
  test("OpenAI: algorithm development, then developer ecosystem", () => {
    expect(places("OpenAI")).toEqual(["2:Algorithm Development", "4:Developer Ecosystem"]);
  });
  test("Microsoft also sits where its GitHub does, and Alphabet where its DeepMind does", () => {
    expect(places("MSFT")).toEqual(["1:Cloud Services", "2:Algorithm Development via GitHub"]);
    expect(places("Google")).toEqual(["1:Cloud Services", "2:Model Training via DeepMind"]);
  });
  test("Meta keeps its single place", () => {
    expect(places("META")).toEqual(["2:Algorithm Development"]);
  });
});

describe("status", () => {
  test.each([
    "OpenAI",
    "Huawei",
    "Anthropic",
    "Hugging Face",
    "ByteDance",
    "Ant Group",
    "Zuoyebang",
    "OPPO",
    "DeepSeek",
    "xAI",
    "Mistral",
  ])("%s is private", (name) => {
    const c = findCompany(name)!;
    expect(c.status).toBe("private");
    expect(c.ticker).toBeNull();
  });

  test.each([
    ["GitHub", "Microsoft", "MSFT"],
    ["DeepMind", "Alphabet", "GOOGL"],
    ["Ping An Technology", "Ping An Insurance", "2318.HK"],
    ["iShares", "BlackRock", "BLK"],
  ])("%s is part of %s (%s)", (name, parent, parentTicker) => {
    const c = findCompany(name)!;
    expect(c.status).toBe("subsidiary");
    expect(c.parent).toBe(parent);
    expect(c.parentTicker).toBe(parentTicker);
    expect(c.ticker).toBeNull();
  });

  test("Wikipedia is a non-profit of the Wikimedia Foundation", () => {
    const c = findCompany("wikipedia")!;
    expect(c.status).toBe("non-profit");
    expect(c.parent).toBe("Wikimedia Foundation");
  });

  test("every listed company has a primary symbol that is its first listing", () => {
    for (const c of COMPANIES.filter((c) => c.status === "listed")) {
      expect([c.name, c.ticker]).toEqual([c.name, c.listings[0]]);
    }
  });
});

describe("aliases and spelling", () => {
  test.each([
    ["Google", "Alphabet"],
    ["alphabet", "Alphabet"],
    ["GOOG", "Alphabet"],
    ["googl", "Alphabet"],
    ["Alibaba", "Alibaba"],
    ["Alibaba Group", "Alibaba"],
    ["BABA", "Alibaba"],
    ["9988.HK", "Alibaba"],
    ["Amazon", "Amazon"],
    ["AWS", "Amazon"],
    ["Microsoft", "Microsoft"],
    ["Azure", "Microsoft"],
    ["Facebook", "Meta"],
    ["Meta Platforms, Inc.", "Meta"],
    ["NVIDIA Corp", "NVIDIA"],
    ["  nvidia  ", "NVIDIA"],
    ["Hims & Hers", "Hims & Hers"],
    ["Hims and Hers", "Hims & Hers"],
    ["hims & hers health", "Hims & Hers"],
    ["HIMS.US", "Hims & Hers"],
    ["APP.US", "Applovin"],
    ["AppLovin", "Applovin"],
    ["Google DeepMind", "DeepMind"],
    ["Hewlett Packard Enterprise", "HPE"],
    ["Yidu Tech", "Yidu Cloud"],
    ["Xiaomi Group", "Xiaomi"],
    ["TAL Education", "TAL Education Group"],
    ["Semiconductor Manufacturing International Corporation", "SMIC"],
    ["The Goldman Sachs Group, Inc.", "Goldman Sachs"],
    ["Hugging-Face", "Hugging Face"],
    ["huggingface", "Hugging Face"],
  ])("%s means %s", (text, name) => {
    expect(findCompany(text)?.name).toBe(name);
  });

  test.each(["Acme", "", "   ", "SOXX", "Inc", "NVDAX"])("%p is not a company", (text) => {
    expect(findCompany(text)).toBeUndefined();
  });

  test("companyBySymbol needs an exact symbol, not a name", () => {
    expect(companyBySymbol("Alibaba")).toBeUndefined();
    expect(companyBySymbol(" 0700.hk ")!.name).toBe("Tencent");
    expect(companyBySymbol("688256.ss")!.name).toBe("Cambricon");
  });

  test("no two companies share a name, alias or symbol", () => {
    const seen = new Map<string, string>();
    for (const c of COMPANIES) {
      for (const key of [c.name, ...c.aliases, ...c.listings].map((k) => k.toLowerCase().replace(/[^a-z0-9]/g, ""))) {
        const other = seen.get(key);
        if (other !== undefined) expect(other).toBe(c.name);
        seen.set(key, c.name);
      }
    }
  });
});
