/**
 * Golden test of the generated functions.json. The metadata plugin writes it from the JSDoc tags;
 * this pins what Excel will see (ids, names, descriptions, parameters, optional flags, result
 * dimensionality, options) so a changed tag cannot slip through unnoticed.
 *
 * After an intended change: UPDATE_GOLDEN=1 npx jest test/functions/metadata
 */
import * as fs from "fs";
import * as path from "path";
import { buildFunctionsBundle, FunctionsBuild } from "./buildFunctionsBundle";
import { describeMetadataChanges } from "./metadataDiff";

const EXPECTED_PATH = path.join(__dirname, "functions.expected.json");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

interface Parameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: Parameter[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

let build: FunctionsBuild;
let metadata: { functions: FunctionMetadata[] };

beforeAll(async () => {
  build = await buildFunctionsBundle();
  if (build.metadataText.trim() === "") throw new Error("functions.json is empty: no function carries a @customfunction tag");
  metadata = JSON.parse(build.metadataText);
}, 120000);

afterAll(() => build?.remove());

test("functions.json matches test/functions/functions.expected.json", () => {
  if (UPDATE) {
    fs.writeFileSync(EXPECTED_PATH, `${JSON.stringify(metadata, null, 2)}\n`);
    return;
  }
  if (!fs.existsSync(EXPECTED_PATH)) {
    throw new Error("no golden file yet: run UPDATE_GOLDEN=1 npx jest test/functions/metadata");
  }
  const expected = JSON.parse(fs.readFileSync(EXPECTED_PATH, "utf8"));
  const changes = describeMetadataChanges(expected, metadata);
  if (changes.length > 0) {
    throw new Error(
      `functions.json differs from the golden file (expected -> built):\n  ${changes.join("\n  ")}\n` +
        "If the change is intended: UPDATE_GOLDEN=1 npx jest test/functions/metadata",
    );
  }
});

describe("functions.json is what Excel accepts", () => {
  test("has every function of the catalogue, each id once", () => {
    const ids = metadata.functions.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["LAYER", "SEGMENT", "TICKER", "COMPANIES", "CHAIN", "IMPACT", "MODELCOST"]));
  });

  test("ids and names are upper case, as typed after AICHAIN.", () => {
    for (const f of metadata.functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      expect(f.name.length).toBeLessThanOrEqual(128);
    }
  });

  test("every function and parameter is described and typed", () => {
    for (const f of metadata.functions) {
      expect({ id: f.id, described: !!f.description }).toEqual({ id: f.id, described: true });
      for (const p of f.parameters) {
        expect({ id: f.id, p: p.name, described: !!p.description }).toEqual({ id: f.id, p: p.name, described: true });
        expect(["any", "boolean", "number", "string"]).toContain(p.type);
        expect(["scalar", "matrix", undefined]).toContain(p.dimensionality);
      }
      expect(["scalar", "matrix", undefined]).toContain(f.result.dimensionality);
    }
  });

  test("optional parameters come after the required ones", () => {
    for (const f of metadata.functions) {
      const firstOptional = f.parameters.findIndex((p) => p.optional || p.repeating);
      if (firstOptional < 0) continue;
      const requiredAfter = f.parameters.slice(firstOptional).filter((p) => !p.optional && !p.repeating);
      expect({ id: f.id, requiredAfterOptional: requiredAfter.map((p) => p.name) }).toEqual({
        id: f.id,
        requiredAfterOptional: [],
      });
    }
  });

  test("spilling value-chain functions declare a matrix result", () => {
    const byId = new Map(metadata.functions.map((f) => [f.id, f]));
    for (const id of ["LAYER", "SEGMENT", "COMPANIES", "CHAIN"]) {
      expect(byId.get(id)?.result.dimensionality).toBe("matrix");
    }
    expect(byId.get("TICKER")?.parameters.map((p) => p.name)).toEqual(["company"]);
  });
});

describe("the golden-file diff", () => {
  test("names added, removed and changed functions and parameters", () => {
    const before = {
      functions: [
        { id: "A", name: "A", parameters: [{ name: "x", optional: false }], result: {} },
        { id: "B", name: "B", parameters: [], result: {} },
      ],
    };
    const after = {
      functions: [
        { id: "A", name: "A", parameters: [{ name: "x", optional: true }, { name: "y" }], result: {} },
        { id: "C", name: "C", parameters: [], result: { dimensionality: "matrix" } },
      ],
    };
    expect(describeMetadataChanges(before, after)).toEqual([
      "~ functions[A].parameters[x].optional: false -> true",
      '+ functions[A].parameters[y] added: {"name":"y"}',
      "- functions[B] removed",
      '+ functions[C] added: {"id":"C","name":"C","parameters":[],"result":{"dimensionality":"matrix"}}',
    ]);
    expect(describeMetadataChanges(before, before)).toEqual([]);
  });
});
