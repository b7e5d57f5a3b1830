/**
 * What a card may do with text colour and size, checked on the templates and on every expanded gallery
 * case without a browser.
 *
 * Measured with Teams' own host configs (cards/host-configs): "good" text is 2.1:1 on Teams' light
 * background and "warning" 1.5:1; "attention" is 5.4:1 on light but 3.2:1 on dark. Only "accent" text
 * reads at 4.5:1 in every theme. So text keeps the default colour; a state is said in words, and colour
 * goes on a short label's background (a Container with style good, warning or attention), where Teams
 * draws dark text on a pale fill in every theme.
 */

/** Text colours that read at 4.5:1 or better in Teams' light, dark and high-contrast themes. */
export const TEXT_COLOURS = ['Default', 'Accent'];
/** Container styles that colour a label's background; what they hold must be short. */
export const LABEL_STYLES = ['good', 'warning', 'attention', 'accent'];
/** The longest text a coloured label may hold, in characters. */
export const LABEL_MAX_CHARS = 40;
/** Small text is for short lines (a caption, a date); longer text is at least the default size. */
export const SMALL_MAX_CHARS = 160;
/** ExtraLarge is for a figure, not words. */
export const EXTRA_LARGE_MAX_CHARS = 6;

interface Node {
    type?: string;
    text?: string;
    color?: string;
    size?: string;
    style?: string;
    items?: unknown[];
    [k: string]: unknown;
}

function visit(node: unknown, path: string, fn: (n: Node, path: string) => void) {
    if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${path}[${i}]`, fn));
    else if (node && typeof node === 'object') {
        fn(node as Node, path);
        for (const [k, v] of Object.entries(node)) if (v && typeof v === 'object') visit(v, `${path}.${k}`, fn);
    }
}

function texts(node: unknown): string[] {
    const out: string[] = [];
    visit(node, '', (n) => {
        if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
    });
    return out;
}

const lower = (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : '');

/**
 * Problems with a template's own text colours: every `color` must be written out (not bound to data,
 * which could make body text pale) and one of {@link TEXT_COLOURS}.
 */
export function templateColourProblems(template: unknown): string[] {
    const problems: string[] = [];
    visit(template, '$', (n, path) => {
        if (n.color === undefined || (n.type !== 'TextBlock' && n.type !== 'TextRun')) return;
        if (!TEXT_COLOURS.map(lower).includes(lower(n.color)))
            problems.push(
                `${path}: text colour "${n.color}" is not readable in every Teams theme: keep text ${TEXT_COLOURS.join(' or ')}, ` +
                    `and put colour on a short label's container style instead`,
            );
    });
    return problems;
}

/**
 * Problems with an expanded card's text: colour and size as {@link templateColourProblems}, labels
 * with a coloured background that hold more than a short label, small text that is long, and
 * extra-large words.
 */
export function cardTextProblems(card: unknown): string[] {
    const problems: string[] = [];
    visit(card, '$', (n, path) => {
        const isText = n.type === 'TextBlock' || n.type === 'TextRun';
        const text = typeof n.text === 'string' ? n.text : '';
        if (isText && n.color !== undefined && !TEXT_COLOURS.map(lower).includes(lower(n.color)))
            problems.push(`${path}: "${text.slice(0, 50)}" is in ${n.color}, which some Teams themes make unreadable`);
        if (isText && lower(n.size) === 'small' && text.length > SMALL_MAX_CHARS)
            problems.push(
                `${path}: ${text.length} characters of small text ("${text.slice(0, 50)}..."): use the default size`,
            );
        if (isText && lower(n.size) === 'extralarge' && text.length > EXTRA_LARGE_MAX_CHARS)
            problems.push(`${path}: "${text.slice(0, 50)}" is extra large: only figures are`);
        if ((n.type === 'Container' || n.type === 'Column') && LABEL_STYLES.includes(lower(n.style))) {
            const inside = texts(n.items ?? []).join(' ');
            if (inside.length > LABEL_MAX_CHARS)
                problems.push(
                    `${path}: a ${n.style} label holds ${inside.length} characters ("${inside.slice(0, 50)}..."): ` +
                        `colour is for labels of ${LABEL_MAX_CHARS} characters at most`,
                );
        }
    });
    return problems;
}

/** A calendar date written the machine's way, 2026-11-30: the partnership's cards write "30 Nov 2026". */
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * Every place a card shows a date written `YYYY-MM-DD` where a person reads it: text, facts, button
 * titles, input labels and choices. Not what is not shown (data, verbs, ids, urls) nor what a person
 * types (an input's value); and a date that is an input's own example of the format it takes (its
 * placeholder, or a message repeating that example) is the format, not a date being shown.
 */
export function isoDateProblems(card: unknown): string[] {
    const examples = new Set<string>();
    visit(card, '$', (n) => {
        if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.placeholder === 'string')
            for (const m of n.placeholder.matchAll(ISO_DAY)) examples.add(m[0]);
    });
    const problems: string[] = [];
    const check = (path: string, text: unknown) => {
        if (typeof text !== 'string') return;
        for (const m of text.matchAll(ISO_DAY))
            if (!examples.has(m[0])) problems.push(`${path}: "${text.slice(0, 80)}" writes the date ${m[0]}`);
    };
    visit(card, '$', (n, path) => {
        const type = typeof n.type === 'string' ? n.type : '';
        if (type === 'TextBlock' || type === 'TextRun') check(`${path}.text`, n.text);
        if (type === 'FactSet' && Array.isArray(n.facts))
            n.facts.forEach((f, i) => {
                check(`${path}.facts[${i}].title`, (f as { title?: unknown }).title);
                check(`${path}.facts[${i}].value`, (f as { value?: unknown }).value);
            });
        if (type.startsWith('Action.') || type === 'Input.Toggle') check(`${path}.title`, n.title);
        if (type.startsWith('Input.')) check(`${path}.label`, n.label);
        if (type === 'Input.ChoiceSet' && Array.isArray(n.choices))
            n.choices.forEach((c, i) => check(`${path}.choices[${i}].title`, (c as { title?: unknown }).title));
    });
    return problems;
}
