/**
 * The Board paper's chart draws its words with the fonts the project ships, whatever the machine has.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { CHART_FONT_FILES, renderRagChart, type ThemeTally } from '../../src/digest/ragChart.js';

const tallies: ThemeTally[] = [
    { theme: 'Health and Wellbeing', counts: { red: 0, amber: 1, green: 2, not_rated: 0 }, notReported: 1 },
    { theme: 'Affordability', counts: { red: 1, amber: 0, green: 1, not_rated: 0 }, notReported: 0 },
];

/** Pixels darker than the bars' lightest colour: the words and the axes' lines. */
function darkPixels(png: Buffer): number {
    const { data } = PNG.sync.read(png);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 150) n++;
    return n;
}

describe('the RAG chart', () => {
    it('takes its fonts from the project, not the machine', () => {
        assert.equal(CHART_FONT_FILES.length, 2);
        for (const f of CHART_FONT_FILES) assert.ok(fs.statSync(f).size > 100_000, f);
    });

    it('draws the themes and the legend in those fonts, and nothing without them', async () => {
        const withFonts = await renderRagChart(tallies);
        const without = await renderRagChart(tallies, []);
        assert.equal(withFonts.width, without.width);
        // Without any font the axes' lines are all that is dark; the words add thousands of pixels.
        assert.ok(
            darkPixels(withFonts.png) > darkPixels(without.png) + 2000,
            `${darkPixels(withFonts.png)} dark pixels with the fonts, ${darkPixels(without.png)} without`,
        );
    });
});
