/**
 * `npm run cards`: draws every card template with its gallery data in Teams' light, dark and
 * high-contrast themes at desktop and phone width, writes the PNGs and index.html to .tmp/cards/,
 * and lists every problem the checks found (exit code 1 when there is one).
 */
import path from 'node:path';
import { ROOT_DIR } from '../src/paths.js';
import { runGallery } from './lib/gallery/gallery.js';

const outDir = path.join(ROOT_DIR, '.tmp', 'cards');
const started = Date.now();
const shots = await runGallery({ outDir });
const bad = shots.filter((s) => s.problems.length);
for (const s of bad) {
    console.log(`${s.template} / ${s.name} (${s.theme}, ${s.width}):`);
    for (const p of s.problems) console.log(`  - ${p}`);
}
console.log(
    `${shots.length} drawings in ${((Date.now() - started) / 1000).toFixed(1)} s; ${bad.length} with problems. ` +
        `Open ${path.relative(process.cwd(), path.join(outDir, 'index.html'))} to look at them.`,
);
process.exitCode = bad.length ? 1 : 0;
