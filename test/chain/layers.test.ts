import { LAYERS, SEGMENTS, findLayer, findSegment, segmentsOf } from "../../src/chain";
import { LAYER_NAMES } from "./articleExpectations";

describe("layers", () => {
  test("four layers in the article's order and wording", () => {
    expect(LAYERS.map((l) => [l.id, l.name, l.shortName])).toEqual([
      [1, LAYER_NAMES[0], "Basic"],
      [2, LAYER_NAMES[1], "Technical"],
      [3, LAYER_NAMES[2], "Application"],
      [4, LAYER_NAMES[3], "Ecosystem"],
    ]);
  });

  test("themes are the article's parentheticals", () => {
    expect(LAYERS.slice(0, 3).map((l) => l.theme)).toEqual([
      "Computing Power and Data",
      "Algorithms and Toolchain",
      "Industry Solutions",
    ]);
  });

  test.each([
    [1, 1],
    [4, 4],
    ["2", 2],
    [" 3 ", 3],
    ["Basic Layer", 1],
    ["basic layer", 1],
    ["BASIC", 1],
    ["Technical", 2],
    ["application", 3],
    ["Ecosystem", 4],
    ["Ecological Cooperation and Commercialization", 4],
    ["ecological cooperation & commercialization", 4],
    ["Layer 2", 2],
    ["Computing Power and Data", 1],
  ])("%p is layer %p", (arg, id) => {
    expect(findLayer(arg)?.id).toBe(id);
  });

  test.each([0, 5, 1.5, -1, "", "Layer 9", "Cloud Services", "five"])("%p is no layer", (arg) => {
    expect(findLayer(arg)).toBeUndefined();
  });
});

describe("segments", () => {
  test("every segment in the article's order with its layer", () => {
    expect(SEGMENTS.map((s) => `${s.layer}:${s.name}`)).toEqual([
      "1:Cloud Services",
      "1:Chip Manufacturers",
      "1:Server Manufacturers",
      "1:Data Resources",
      "2:Algorithm Development",
      "2:Model Training",
      "3:Finance",
      "3:Healthcare",
      "3:Education",
      "3:General Entertainment",
      "4:Developer Ecosystem",
      "4:Hardware Cooperation",
      "4:Terminal Devices",
    ]);
  });

  test("the developer ecosystem keeps the article's remark", () => {
    expect(findSegment("Developer Ecosystem")!.remark).toBe(
      "a relationship of competition and cooperation with complementary API services",
    );
  });

  test.each([
    ["cloud services", "Cloud Services"],
    ["Chips", "Chip Manufacturers"],
    ["chip-manufacturers", "Chip Manufacturers"],
    ["Health Care", "Healthcare"],
    ["Entertainment", "General Entertainment"],
    ["Devices", "Terminal Devices"],
  ])("%s means %s", (text, name) => {
    expect(findSegment(text)?.name).toBe(name);
  });

  test("unknown text is no segment", () => {
    expect(findSegment("Retail")).toBeUndefined();
    expect(findSegment("")).toBeUndefined();
  });

  test("segmentsOf lists a layer's segments", () => {
    expect(segmentsOf(2).map((s) => s.name)).toEqual(["Algorithm Development", "Model Training"]);
  });
});
