/**
 * The Board paper's chart: RAG ratings by theme, as a stacked bar chart. Described in Vega-Lite,
 * rendered to SVG by Vega on the server (no browser, no canvas), then to PNG by resvg, which Word shows
 * everywhere. The libraries are loaded with the first chart: most runs of the bot never draw one.
 *
 * The labels are drawn in DejaVu Sans from the `dejavu-fonts-ttf` package, never the machine's fonts: an
 * App Service or a container may have none, and the chart would lose every word on it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Digest } from '../domain/digest.js';
import type { Rag } from '../domain/progress.js';

const RAG_WORD: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', not_rated: 'Not rated' };
const ORDER: Rag[] = ['red', 'amber', 'green', 'not_rated'];
/** Colours a printed paper keeps apart, and the words say the same in the alt text and the table. */
const COLOURS = ['#c0392b', '#e69f00', '#2e8b57', '#9a9a9a'];

export interface ThemeTally {
    theme: string;
    counts: Record<Rag, number>;
    /** Contributions expected from groups that have not reported. */
    notReported: number;
}

/** The RAG ratings given in the digest, by theme in the digest's order. */
export function ragByTheme(d: Digest): ThemeTally[] {
    const out: ThemeTally[] = [];
    for (const o of d.objectives) {
        let t = out.find((x) => x.theme === o.themeName);
        if (!t) {
            t = { theme: o.themeName, counts: { red: 0, amber: 0, green: 0, not_rated: 0 }, notReported: 0 };
            out.push(t);
        }
        for (const e of o.entries) t.counts[e.rag]++;
        t.notReported += o.missing.length;
    }
    return out;
}

/** The chart's alt text: every number the picture shows, in words. */
export function ragChartAltText(tallies: readonly ThemeTally[]): string {
    if (tallies.every((t) => ORDER.every((r) => t.counts[r] === 0)))
        return 'RAG ratings by theme: no ratings have been reported in this round.';
    const parts = tallies.map((t) => {
        const given = ORDER.filter((r) => t.counts[r] > 0).map((r) => `${t.counts[r]} ${RAG_WORD[r].toLowerCase()}`);
        return `${t.theme}: ${given.join(', ') || 'none reported'}`;
    });
    return `Bar chart of RAG ratings by theme. ${parts.join('; ')}.`;
}

/** The Vega-Lite description of the chart. */
export function ragChartSpec(tallies: readonly ThemeTally[]): Record<string, unknown> {
    const values = tallies.flatMap((t) =>
        ORDER.filter((r) => t.counts[r] > 0).map((r) => ({
            theme: t.theme,
            rating: RAG_WORD[r],
            order: ORDER.indexOf(r),
            updates: t.counts[r],
        })),
    );
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        width: 460,
        height: Math.max(60, 34 * tallies.length),
        background: 'white',
        config: { font: 'DejaVu Sans', view: { stroke: null } },
        data: { values },
        mark: { type: 'bar' },
        encoding: {
            y: { field: 'theme', type: 'nominal', title: null, sort: tallies.map((t) => t.theme) },
            x: {
                field: 'updates',
                type: 'quantitative',
                title: 'Objective updates',
                axis: { tickMinStep: 1, format: 'd' },
            },
            color: {
                field: 'rating',
                type: 'nominal',
                title: 'RAG',
                scale: { domain: ORDER.map((r) => RAG_WORD[r]), range: COLOURS },
            },
            order: { field: 'order', type: 'ordinal' },
        },
    };
}

/** The TrueType files the chart's labels are drawn with, from the `dejavu-fonts-ttf` package. */
export const CHART_FONT_FILES: readonly string[] = (() => {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(dir, f));
})();

/**
 * The chart as a PNG (twice its size in CSS pixels, for print), with its size in those pixels.
 * `fontFiles` are the only fonts used (the package's DejaVu Sans unless a test says otherwise).
 */
export async function renderRagChart(
    tallies: readonly ThemeTally[],
    fontFiles: readonly string[] = CHART_FONT_FILES,
): Promise<{ png: Buffer; width: number; height: number }> {
    const [vega, vegaLite, { Resvg }] = await Promise.all([
        import('vega'),
        import('vega-lite'),
        import('@resvg/resvg-js'),
    ]);
    const compiled = vegaLite.compile(ragChartSpec(tallies) as never).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    try {
        const svg = await view.toSVG();
        const image = new Resvg(svg, {
            fitTo: { mode: 'zoom', value: 2 },
            font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: 'DejaVu Sans' },
        }).render();
        return { png: Buffer.from(image.asPng()), width: image.width / 2, height: image.height / 2 };
    } finally {
        view.finalize();
    }
}
