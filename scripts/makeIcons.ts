/**
 * Draws the add-in's icons: the four layers of the AI value chain as an isometric stack, from the
 * computing-power base (dark) up to the ecosystem (light), on a transparent background.
 *
 * Run `npx tsx scripts/makeIcons.ts` to rewrite assets/. The PNGs are committed so that a build
 * needs no drawing step; test/manifest checks that they still match what this script draws.
 *
 * Anti-aliasing: every pixel is the average of SUPERSAMPLE x SUPERSAMPLE point samples, each of
 * which is coloured exactly by the shapes it falls in, so edges get fractional coverage.
 */
import * as fs from "fs";
import * as path from "path";
import { PNG } from "pngjs";

/** Sizes Office asks for: ribbon 16/32/80, add-in lists 32/64, high-DPI lists 64/128. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
/** The filled logo (rounded tile behind the glyph) for places that want a solid mark. */
export const LOGO_SIZE = 128;

const SUPERSAMPLE = 8;
// Local bindings: the hot loop then never looks up the global Math, which is slow in sandboxed
// contexts such as the test runner's.
const { abs, min, max, sqrt, sign, round } = Math;

type Rgb = [number, number, number];
type Rgba = [number, number, number, number];

/** Layer colours, base layer first: deep indigo to teal (the brand ramp). */
const LAYER_COLOURS: Rgb[] = [
  [0x26, 0x36, 0x9c],
  [0x23, 0x4f, 0xc8],
  [0x10, 0x8c, 0xe0],
  [0x12, 0xb8, 0xa6],
];
const TILE_TOP: Rgb = [0x1b, 0x27, 0x6e];
const TILE_BOTTOM: Rgb = [0x16, 0x62, 0xb8];

/** Signed distance to a rhombus centred at the origin with half-diagonals (a, b); < 0 inside. */
function rhombusDistance(px: number, py: number, a: number, b: number): number {
  const x = abs(px);
  const y = abs(py);
  const dot = a * a + b * b;
  // Project onto the edge from (a,0) to (0,b) and measure from the nearest point on it.
  const h = min(1, max(-1, ((a - 2 * x) * a - (b - 2 * y) * b) / dot));
  const qx = x - 0.5 * a * (1 - h);
  const qy = y - 0.5 * b * (1 + h);
  const d = sqrt(qx * qx + qy * qy);
  return sign(x * b + y * a - a * b) * d;
}

/** Signed distance to a rounded rectangle centred at the origin. */
function roundedRectDistance(px: number, py: number, halfW: number, halfH: number, r: number): number {
  const qx = abs(px) - halfW + r;
  const qy = abs(py) - halfH + r;
  const ox = max(qx, 0);
  const oy = max(qy, 0);
  return sqrt(ox * ox + oy * oy) + min(max(qx, qy), 0) - r;
}

interface Layer {
  cy: number;
  colour: Rgb;
}

interface Glyph {
  layers: Layer[];
  halfW: number;
  halfH: number;
  corner: number;
  gap: number;
}

/**
 * Geometry in unit coordinates (0..1, y down). Small icons get three layers so each band stays at
 * least two pixels thick; the gap between layers is over a pixel wide so it survives at 16 px.
 */
function glyphFor(size: number, inset: number): Glyph {
  const count = size <= 16 ? 3 : 4;
  const halfW = 0.44 * (1 - 2 * inset);
  const halfH = halfW / 2; // isometric 2:1
  const top = 0.06 + inset * 0.9;
  const bottom = 1 - top;
  const spacing = (bottom - top - 2 * halfH) / (count - 1);
  const colours = count === 3 ? [LAYER_COLOURS[0], LAYER_COLOURS[2], LAYER_COLOURS[3]] : LAYER_COLOURS;
  const layers = colours.map((colour, i) => ({ cy: bottom - halfH - i * spacing, colour }));
  return { layers, halfW, halfH, corner: 0.035, gap: max(0.045, 1.4 / size) };
}

/** Lighten towards white by t (0..1): the upper half of each layer's face catches the light. */
function shade(c: Rgb, t: number): Rgb {
  return [c[0] + (255 - c[0]) * t, c[1] + (255 - c[1]) * t, c[2] + (255 - c[2]) * t];
}

/** The colour of one sample point, or null where the background shows through. */
function sampleGlyph(g: Glyph, x: number, y: number, white: boolean): Rgb | null {
  // Paint from the top layer down: the first layer that covers the point wins; a point inside an
  // upper layer's gap margin is empty, which separates the layers.
  const top = g.layers.length - 1;
  for (let i = top; i >= 0; i--) {
    const layer = g.layers[i];
    const d = rhombusDistance(x - 0.5, y - layer.cy, g.halfW - g.corner, g.halfH - g.corner / 2) - g.corner;
    if (d <= 0) {
      if (white) return [255, 255, 255];
      const t = (layer.cy - y) / g.halfH; // 1 at the top corner, -1 at the bottom one
      return shade(layer.colour, max(0, t) * 0.22);
    }
    if (d <= g.gap) return null;
  }
  return null;
}

function sampleLogo(g: Glyph, x: number, y: number): Rgba | null {
  if (roundedRectDistance(x - 0.5, y - 0.5, 0.47, 0.47, 0.2) > 0) return null;
  const glyph = sampleGlyph(g, x, y, true);
  if (glyph) return [glyph[0], glyph[1], glyph[2], 255];
  const t = y;
  return [
    TILE_TOP[0] + (TILE_BOTTOM[0] - TILE_TOP[0]) * t,
    TILE_TOP[1] + (TILE_BOTTOM[1] - TILE_TOP[1]) * t,
    TILE_TOP[2] + (TILE_BOTTOM[2] - TILE_TOP[2]) * t,
    255,
  ];
}

/** Renders by supersampling; colours are averaged premultiplied so edges do not darken. */
function render(size: number, sample: (x: number, y: number) => Rgba | null): PNG {
  const png = new PNG({ width: size, height: size });
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        gr = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          gr += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const o = (py * size + px) * 4;
      png.data[o] = a ? round(r / a) : 0;
      png.data[o + 1] = a ? round(gr / a) : 0;
      png.data[o + 2] = a ? round(b / a) : 0;
      png.data[o + 3] = round((a / (n * n)) * 255);
    }
  }
  return png;
}

/** The transparent-background icon at one size. */
export function renderIcon(size: number): PNG {
  const g = glyphFor(size, 0);
  return render(size, (x, y) => {
    const c = sampleGlyph(g, x, y, false);
    return c ? [c[0], c[1], c[2], 255] : null;
  });
}

/** The filled logo: white layers on a rounded brand-colour tile. */
export function renderLogo(size: number): PNG {
  const g = glyphFor(size, 0.14);
  return render(size, (x, y) => sampleLogo(g, x, y));
}

/** Every asset this script owns, by file name. */
export function renderAll(): Record<string, PNG> {
  const out: Record<string, PNG> = {};
  for (const size of ICON_SIZES) out[`icon-${size}.png`] = renderIcon(size);
  out["logo-filled.png"] = renderLogo(LOGO_SIZE);
  return out;
}

function main(): void {
  const dir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, png] of Object.entries(renderAll())) {
    fs.writeFileSync(path.join(dir, name), PNG.sync.write(png));
    console.log(`assets/${name} ${png.width}x${png.height}`);
  }
}

if (require.main === module) main();
