/**
 * The card gallery: every gallery case of every template, drawn in each Teams theme at each width,
 * checked, and written as PNGs with an index page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CardBrowser, THEMES, WIDTHS, type Theme, type Width } from './browser.js';
import { loadGallery, type ExpandedCase } from './cases.js';
import { cardTextProblems } from './rules.js';

/** One drawing of one case. */
export interface GalleryShot {
    template: string;
    name: string;
    note: string;
    theme: Theme;
    width: Width;
    /** The PNG's file name in the output folder; empty when screenshots were not asked for. */
    file: string;
    problems: string[];
}

export interface GalleryOptions {
    /** Folder for the PNGs and index.html; nothing is written without it. */
    outDir?: string;
    /** Which drawings to make; all by default. */
    pick?: (c: ExpandedCase, theme: Theme, width: Width) => boolean;
}

export function shotFile(c: { template: string; name: string }, theme: Theme, width: Width): string {
    return `${c.template}--${c.name}--${theme}--${width}.png`;
}

/**
 * Draws and checks the gallery.
 * @throws Error when a template has no gallery data or no Chromium is installed.
 */
export async function runGallery(options: GalleryOptions = {}): Promise<GalleryShot[]> {
    const cases = await loadGallery();
    const browser = await CardBrowser.open();
    const shots: GalleryShot[] = [];
    try {
        if (options.outDir) fs.mkdirSync(options.outDir, { recursive: true });
        for (const c of cases) {
            const textProblems = cardTextProblems(c.card);
            for (const theme of THEMES)
                for (const width of Object.keys(WIDTHS) as Width[]) {
                    if (options.pick && !options.pick(c, theme, width)) continue;
                    const result = await browser.render(c.card, theme, width, Boolean(options.outDir));
                    const file = options.outDir ? shotFile(c, theme, width) : '';
                    if (result.png && options.outDir) fs.writeFileSync(path.join(options.outDir, file), result.png);
                    shots.push({
                        template: c.template,
                        name: c.name,
                        note: c.note,
                        theme,
                        width,
                        file,
                        problems: [...textProblems, ...result.problems],
                    });
                }
        }
    } finally {
        await browser.close();
    }
    if (options.outDir) fs.writeFileSync(path.join(options.outDir, 'index.html'), indexPage(shots));
    return shots;
}

const escape = (s: string) =>
    s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The index: one section per template, one row per case, its drawings side by side with any problems. */
export function indexPage(shots: GalleryShot[]): string {
    const byCase = new Map<string, GalleryShot[]>();
    for (const s of shots) {
        const key = `${s.template}/${s.name}`;
        byCase.set(key, [...(byCase.get(key) ?? []), s]);
    }
    const problems = shots.reduce((n, s) => n + s.problems.length, 0);
    const templates = [...new Set(shots.map((s) => s.template))];
    const rows = templates
        .map((t) => {
            const cases = [...byCase.values()].filter((list) => list[0].template === t);
            return (
                `<h2 id="${escape(t)}">${escape(t)}</h2>\n` +
                cases
                    .map((list) => {
                        const first = list[0];
                        const cells = list
                            .map(
                                (s) =>
                                    `<figure class="${s.problems.length ? 'bad' : ''}"><figcaption>${s.theme}, ${s.width}` +
                                    `${s.problems.length ? `: ${s.problems.length} problem(s)` : ''}</figcaption>` +
                                    `<a href="${escape(s.file)}"><img src="${escape(s.file)}" alt="${escape(
                                        `${s.template} ${s.name}, ${s.theme} theme, ${s.width}`,
                                    )}" loading="lazy"></a>` +
                                    (s.problems.length
                                        ? `<ul>${s.problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul>`
                                        : '') +
                                    `</figure>`,
                            )
                            .join('');
                        return `<h3>${escape(first.name)}</h3><p>${escape(first.note)}</p><div class="row">${cells}</div>`;
                    })
                    .join('\n')
            );
        })
        .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>KHG card gallery</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}.row{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}
figure{margin:0;max-width:560px}figure.bad{outline:3px solid #b00020}img{max-width:100%;border:1px solid #ccc}
figcaption{font-size:13px;margin-bottom:4px}li{font-size:13px;color:#b00020}</style></head><body>
<h1>KHG card gallery</h1><p>${shots.length} drawings of ${byCase.size} cases from ${templates.length} templates;
${problems} problem(s). Themes: ${THEMES.join(', ')}; widths: ${Object.entries(WIDTHS)
        .map(([w, px]) => `${w} ${px} px`)
        .join(', ')}.</p>
<nav>${templates.map((t) => `<a href="#${escape(t)}">${escape(t)}</a>`).join(' · ')}</nav>
${rows}</body></html>
`;
}
