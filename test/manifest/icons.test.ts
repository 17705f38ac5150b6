/**
 * The committed icons are what scripts/makeIcons.ts draws, and they look like icons: a glyph on a
 * transparent background with anti-aliased (partly transparent) edges.
 */
import * as fs from "fs";
import * as path from "path";
import { PNG } from "pngjs";
import { ICON_SIZES, renderAll } from "../../scripts/makeIcons";

const assetsDir = path.resolve(__dirname, "..", "..", "assets");
const rendered = renderAll();

function readPng(name: string): PNG {
  return PNG.sync.read(fs.readFileSync(path.join(assetsDir, name)));
}

test.each(Object.keys(rendered))("assets/%s matches what scripts/makeIcons.ts draws", (name) => {
  const onDisk = readPng(name);
  const fresh = rendered[name];
  expect([onDisk.width, onDisk.height]).toEqual([fresh.width, fresh.height]);
  // Compare pixels, not bytes: zlib versions may compress the same image differently.
  const differing = onDisk.data.reduce((n, v, i) => n + (Math.abs(v - fresh.data[i]) > 1 ? 1 : 0), 0);
  expect(differing).toBe(0);
});

test.each([...ICON_SIZES])("icon-%i.png has a transparent background, an opaque glyph and soft edges", (size) => {
  const png = readPng(`icon-${size}.png`);
  const alpha = (x: number, y: number) => png.data[(y * size + x) * 4 + 3];
  for (const [x, y] of [
    [0, 0],
    [size - 1, 0],
    [0, size - 1],
    [size - 1, size - 1],
  ])
    expect(alpha(x, y)).toBe(0);
  let opaque = 0,
    partial = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const a = alpha(x, y);
      if (a === 255) opaque++;
      else if (a > 0) partial++;
    }
  expect(opaque / (size * size)).toBeGreaterThan(0.15);
  expect(partial).toBeGreaterThan(size); // anti-aliased outline, not hard stair-steps
});

test("the glyph is drawn in several brand colours, not one flat colour", () => {
  const png = readPng("icon-64.png");
  const colours = new Set<string>();
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 255) colours.add(`${png.data[i] >> 4},${png.data[i + 1] >> 4},${png.data[i + 2] >> 4}`);
  }
  expect(colours.size).toBeGreaterThanOrEqual(4);
});
