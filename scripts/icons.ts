/**
 * Draws the Teams app icons: `npm run icons`.
 *
 * - appPackage/color.png   192x192, full colour: a white house with a teal check mark on deep teal.
 * - appPackage/outline.png  32x32, the same house in white on a transparent background, the check
 *   mark cut out (Teams requires the outline icon to be white and transparent only).
 *
 * The shapes are defined once, in the 192x192 design grid, and rasterised with 8x8 supersampling
 * so the edges are anti-aliased. The output is deterministic: rerunning gives identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** The colour icon's background; also the manifest's `accentColor`. */
export const ACCENT = '#0B5F63';
/** The check mark on the colour icon: the background teal, as if cut out of the house. */
const CHECK = ACCENT;
const WHITE = '#FFFFFF';

type Point = readonly [number, number];
type Rgb = readonly [number, number, number];

// ---- the design, in the 192x192 grid --------------------------------------------------------------

/** House: roof with eaves, walls, and a chimney on the right-hand roof slope. */
const HOUSE: readonly Point[] = [
    [96, 36],
    [162, 96],
    [146, 96],
    [146, 156],
    [46, 156],
    [46, 96],
    [30, 96],
];
const CHIMNEY: readonly Point[] = [
    [122, 48],
    [138, 48],
    [138, 74],
    [122, 74],
];
/** The check mark: a polyline stroked with round caps and joins. */
const CHECK_PATH: readonly Point[] = [
    [71, 122],
    [89, 140],
    [123, 104],
];
const CHECK_WIDTH = 14;
/** Bounds of the symbol (house + chimney), used to place and scale it in each icon. */
const SYMBOL = { left: 30, top: 36, right: 162, bottom: 156 };

// ---- geometry ------------------------------------------------------------------------------------

function insidePolygon(x: number, y: number, poly: readonly Point[]): boolean {
    let inside = false;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
        const [xi, yi] = poly[i];
        const [xj, yj] = poly[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
    const [ax, ay] = a;
    const [bx, by] = b;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onStroke(x: number, y: number, path: readonly Point[], width: number): boolean {
    for (let i = 1; i < path.length; i++) {
        if (distanceToSegment(x, y, path[i - 1], path[i]) <= width / 2) return true;
    }
    return false;
}

/** What lies at a point of the design grid. */
type Region = 'background' | 'house' | 'check';

function regionAt(x: number, y: number): Region {
    if (onStroke(x, y, CHECK_PATH, CHECK_WIDTH)) return 'check';
    if (insidePolygon(x, y, HOUSE) || insidePolygon(x, y, CHIMNEY)) return 'house';
    return 'background';
}

// ---- rasterising ---------------------------------------------------------------------------------

const SUBSAMPLES = 8;

function hex(colour: string): Rgb {
    const n = Number.parseInt(colour.slice(1), 16);
    return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/**
 * Renders an icon. `toDesign` maps a point of the output image to the design grid; `shade` gives the
 * colour and opacity (0..1) of each region. Colours are averaged premultiplied, so partly covered
 * edge pixels keep the right colour.
 */
function render(
    size: number,
    toDesign: (x: number, y: number) => Point,
    shade: Record<Region, { rgb: Rgb; alpha: number }>,
): PNG {
    const png = new PNG({ width: size, height: size, colorType: 6 });
    const n = SUBSAMPLES * SUBSAMPLES;
    for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
            let r = 0;
            let g = 0;
            let b = 0;
            let a = 0;
            for (let sy = 0; sy < SUBSAMPLES; sy++) {
                for (let sx = 0; sx < SUBSAMPLES; sx++) {
                    const [dx, dy] = toDesign(px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES);
                    const { rgb, alpha } = shade[regionAt(dx, dy)];
                    r += rgb[0] * alpha;
                    g += rgb[1] * alpha;
                    b += rgb[2] * alpha;
                    a += alpha;
                }
            }
            const i = (py * size + px) * 4;
            if (a === 0) {
                // Fully transparent: store white, so no dark fringe appears if a client resamples.
                png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
                png.data[i + 3] = 0;
            } else {
                png.data[i] = Math.round(r / a);
                png.data[i + 1] = Math.round(g / a);
                png.data[i + 2] = Math.round(b / a);
                png.data[i + 3] = Math.round((a / n) * 255);
            }
        }
    }
    return png;
}

/**
 * Maps output pixels to the design grid so the symbol's larger side is `extent` pixels, centred in a
 * `size` x `size` image. With `snapBottom` the foot of the house falls on a pixel edge (crisper at 32px).
 */
function fit(size: number, extent: number, snapBottom: boolean): (x: number, y: number) => Point {
    const width = SYMBOL.right - SYMBOL.left;
    const height = SYMBOL.bottom - SYMBOL.top;
    const scale = extent / Math.max(width, height);
    const offsetX = (size - width * scale) / 2;
    let offsetY = (size - height * scale) / 2;
    if (snapBottom) offsetY = Math.round(offsetY + height * scale) - height * scale;
    return (x, y) => [(x - offsetX) / scale + SYMBOL.left, (y - offsetY) / scale + SYMBOL.top];
}

/** 192x192; Teams crops colour icons (rounded square, hexagon for bots), so the symbol is 96px wide with 48px padding. */
export function drawColorIcon(): PNG {
    return render(192, fit(192, 96, false), {
        background: { rgb: hex(ACCENT), alpha: 1 },
        house: { rgb: hex(WHITE), alpha: 1 },
        check: { rgb: hex(CHECK), alpha: 1 },
    });
}

/** 32x32, white on transparent, no padding around the symbol (Teams' outline icon rules). */
export function drawOutlineIcon(): PNG {
    const white = hex(WHITE);
    return render(32, fit(32, 32, true), {
        background: { rgb: white, alpha: 0 },
        house: { rgb: white, alpha: 1 },
        check: { rgb: white, alpha: 0 },
    });
}

function main(): void {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const dir = join(root, 'appPackage');
    mkdirSync(dir, { recursive: true });
    for (const [name, png] of [
        ['color.png', drawColorIcon()],
        ['outline.png', drawOutlineIcon()],
    ] as const) {
        const file = join(dir, name);
        writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
        console.log(`wrote ${file} (${png.width}x${png.height})`);
    }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
