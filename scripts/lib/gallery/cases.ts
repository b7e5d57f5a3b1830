/**
 * The gallery's data: for each card template in `cards/`, a module `data/<template>.ts` with the people
 * and states worth looking at (short and long text, many groups, nothing yet). Each case is typed by the
 * template's model, so a model that changes without its gallery data fails the type check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CARDS_DIR, ROOT_DIR } from '../../../src/paths.js';
import type { CardModels, CardName } from '../../../src/cards/models.js';
import { renderCard, type AdaptiveCardJson } from '../../../src/cards/render.js';

export const GALLERY_DATA_DIR = path.join(ROOT_DIR, 'scripts', 'lib', 'gallery', 'data');

/** One state of one card: who sees it and what it holds. */
export interface GalleryCase<K extends CardName = CardName> {
    /** Short kebab-case name, used in file names: `chair-of-two`. */
    name: string;
    /** Who sees this and in what state, in a sentence. */
    note: string;
    data: CardModels[K];
}

/** A template's gallery cases; a data module's default export. */
export function galleryCases<K extends CardName>(template: K, cases: GalleryCase<K>[]) {
    return { template, cases };
}

/** Every template in `cards/`, by name. */
export function templateNames(): string[] {
    return fs
        .readdirSync(CARDS_DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort();
}

/** A case expanded: the card as Teams would receive it. */
export interface ExpandedCase {
    template: string;
    name: string;
    note: string;
    card: AdaptiveCardJson;
}

/**
 * Every template's cases, expanded with the real templates.
 * @throws Error listing the templates that have no gallery data, or data that names another template.
 */
export async function loadGallery(): Promise<ExpandedCase[]> {
    const missing: string[] = [];
    const out: ExpandedCase[] = [];
    for (const template of templateNames()) {
        const file = path.join(GALLERY_DATA_DIR, `${template}.ts`);
        if (!fs.existsSync(file)) {
            missing.push(template);
            continue;
        }
        const mod = (await import(pathToFileURL(file).href)) as {
            default: { template: CardName; cases: GalleryCase[] };
        };
        if (mod.default.template !== template)
            throw new Error(
                `${path.relative(ROOT_DIR, file)} holds cases for "${mod.default.template}", not "${template}"`,
            );
        if (mod.default.cases.length === 0) missing.push(template);
        for (const c of mod.default.cases)
            out.push({
                template,
                name: c.name,
                note: c.note,
                card: renderCard(template, c.data as never),
            });
    }
    if (missing.length)
        throw new Error(
            `No gallery data for the card template(s) ${missing.join(', ')}: add scripts/lib/gallery/data/<template>.ts ` +
                'with the states people will see, and look at them with npm run cards',
        );
    return out;
}
