/**
 * Cards as people see them: Microsoft's Adaptive Cards renderer (npm `adaptivecards`, schema 1.5) with
 * Teams' host configs, in headless Chromium driven by playwright-core, checked with axe-core and for
 * text or buttons that are cut off or run past the card's edge.
 *
 * The browser is Debian's `chromium` package; nothing is downloaded and every request that is not to
 * this machine is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT_DIR } from '../../../src/paths.js';

const require = createRequire(import.meta.url);

/** Teams' three themes, each with its host config in `cards/host-configs/teams-<theme>.json`. */
export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];

/**
 * The two screens: a desktop window, where Teams shows a card in a chat at about 540 px at most, and a
 * phone, where the card takes the screen's width less the chat's margins.
 */
export const WIDTHS = { desktop: 1280, phone: 360 } as const;
export type Width = keyof typeof WIDTHS;

/** Where Debian and Ubuntu put Chromium. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The flags the project runs Chromium with: no GPU, no sandbox (containers), nothing fetched in the background. */
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/**
 * The Chromium executable to use.
 * @throws Error naming the paths looked at and the command that installs it, when there is none.
 */
export function findChromium(): string {
    const found = CHROMIUM_PATHS.find((p) => fs.existsSync(p));
    if (!found)
        throw new Error(
            `No Chromium found (looked at ${CHROMIUM_PATHS.join(', ')}). Install Debian's package: ` +
                'apt-get update && apt-get install -y chromium',
        );
    return found;
}

export function hostConfig(theme: Theme): unknown {
    return JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'cards', 'host-configs', `teams-${theme}.json`), 'utf8'));
}

/** What one render found wrong, each problem one sentence; empty when the card passed. */
export interface RenderResult {
    problems: string[];
    png?: Buffer;
}

const PAGE_SCRIPT = `
window.khgRender = (payload, hostConfig, theme, width) => {
    document.body.className = theme + ' ' + width;
    const bubble = document.getElementById('bubble');
    bubble.innerHTML = '';
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = window.khgMarkdown.render(text);
        result.didProcess = true;
    };
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
    card.parse(payload, context);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) problems.push('the renderer says: ' + context.getEventAt(i).message);
    for (const v of card.validateProperties().validationEvents || []) problems.push('the renderer says: ' + v.message);
    const element = card.render();
    if (!element) return ['the renderer drew nothing'];
    bubble.appendChild(element);
    return problems;
};
window.khgLayoutProblems = () => {
    const bubble = document.getElementById('bubble');
    const edge = bubble.getBoundingClientRect();
    const problems = [];
    const name = (el) => {
        const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
        const kind = el.closest('button, [role=button]') ? 'button' : el.matches('input, textarea, select') ? 'input' : 'text';
        return kind + ' "' + text.slice(0, 60) + (text.length > 60 ? '...' : '') + '"';
    };
    // The renderer writes alt="" for an Image with no altText, which axe takes as decorative: a card's
    // images all carry meaning, so each needs words.
    for (const img of bubble.querySelectorAll('img'))
        if (!(img.getAttribute('alt') || '').trim()) problems.push('image-alt: an image has no alt text (' + img.src.slice(0, 60) + ')');
    for (const el of bubble.querySelectorAll('*')) {
        if (!el.getClientRects().length) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') || el.tagName === 'BUTTON';
        if (!hasText) continue;
        if (r.right > edge.right + 1 || r.left < edge.left - 1) problems.push(name(el) + ' runs past the edge of the card');
        const style = getComputedStyle(el);
        const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
        if (clips && el.scrollWidth > el.clientWidth + 1) problems.push(name(el) + ' is cut off at the side');
        if (clips && el.scrollHeight > el.clientHeight + 2) problems.push(name(el) + ' is cut off at the bottom');
    }
    return problems;
};
`;

/** A Chromium with one page per width, ready to draw cards. Close it when done. */
export class CardBrowser {
    private constructor(
        private readonly browser: Browser,
        private readonly pages: Record<Width, Page>,
    ) {}

    /** @throws Error when no Chromium is installed (see {@link findChromium}). */
    static async open(): Promise<CardBrowser> {
        const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
        try {
            const pages = {} as Record<Width, Page>;
            for (const [width, px] of Object.entries(WIDTHS) as [Width, number][]) {
                const context = await browser.newContext({
                    viewport: { width: px, height: 800 },
                    deviceScaleFactor: 1,
                });
                await context.route('**/*', (route) => {
                    const url = new URL(route.request().url());
                    if (
                        url.protocol === 'data:' ||
                        url.protocol === 'about:' ||
                        url.hostname === '127.0.0.1' ||
                        url.hostname === 'localhost'
                    )
                        return route.continue();
                    return route.abort('blockedbyclient');
                });
                const page = await context.newPage();
                const css = fs.readFileSync(path.join(ROOT_DIR, 'scripts', 'lib', 'gallery', 'page.css'), 'utf8');
                await page.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card</title>
<style>${css}</style></head><body><main><div id="bubble"></div></main></body></html>`);
                await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
                await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
                await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
                await page.addScriptTag({
                    content:
                        PAGE_SCRIPT +
                        '\nwindow.khgMarkdown = window.markdownit({ html: false, linkify: false, breaks: false });',
                });
                pages[width] = page;
            }
            return new CardBrowser(browser, pages);
        } catch (e) {
            await browser.close();
            throw e;
        }
    }

    /**
     * Draws a card (an expanded template) in one theme and width and checks it: the renderer's own
     * warnings for schema 1.5, axe-core's WCAG 2 A and AA rules (contrast, image alt text, labels),
     * and text or buttons cut off or past the card's edge.
     */
    async render(card: unknown, theme: Theme, width: Width, screenshot: boolean): Promise<RenderResult> {
        const page = this.pages[width];
        const problems: string[] = await page.evaluate(
            ([c, hc, t, w]) =>
                (window as unknown as { khgRender: (...a: unknown[]) => string[] }).khgRender(c, hc, t, w),
            [card, hostConfig(theme), theme, width] as const,
        );
        problems.push(
            ...(await page.evaluate(() =>
                (window as unknown as { khgLayoutProblems: () => string[] }).khgLayoutProblems(),
            )),
        );
        const axeViolations: string[] = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResults> } }).axe;
            const results = await axe.run(document.getElementById('bubble'), {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                resultTypes: ['violations'],
            });
            return results.violations.flatMap((v) =>
                v.nodes.map(
                    (n) =>
                        `${v.id}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help} (${n.html.slice(0, 120)})`,
                ),
            );
        });
        problems.push(...axeViolations);
        const png = screenshot ? await page.locator('#bubble').screenshot() : undefined;
        return { problems, png };
    }

    async close(): Promise<void> {
        await this.browser.close();
    }
}

interface AxeResults {
    violations: { id: string; help: string; nodes: { html: string; failureSummary?: string }[] }[];
}
