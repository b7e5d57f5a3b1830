/** Reading cards in tests as a person reads them. */

/** Every text, title and fact value in a card (or anything holding cards), flattened, one per line. */
export function cardText(node: unknown): string {
    const out: string[] = [];
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            for (const [k, v] of Object.entries(n)) {
                if ((k === 'text' || k === 'title' || k === 'value') && typeof v === 'string') out.push(v);
                else walk(v);
            }
        }
    };
    walk(node);
    return out.join('\n');
}

/**
 * Every button a card offers, in reading order: the card's own actions and those of each ActionSet in
 * its body (a card puts long-titled buttons one to a row so none is cut off on a phone).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- buttons as the card holds them; each test reads the fields it asserts
export function cardActions(card: unknown): any[] {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const out: any[] = [];
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            const o = n as Record<string, unknown>;
            if (o.type === 'AdaptiveCard' && o !== card) return;
            if (Array.isArray(o.body)) walk(o.body);
            if (o.type === 'ActionSet' && Array.isArray(o.actions)) out.push(...o.actions);
            for (const k of ['items', 'columns']) if (Array.isArray(o[k])) walk(o[k]);
        }
    };
    walk(card);
    if (card && typeof card === 'object' && Array.isArray((card as { actions?: unknown[] }).actions))
        out.push(...(card as { actions: unknown[] }).actions);
    return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card elements as the card holds them
type Element = any;

/** Every input of a card (Input.*), in reading order, however deeply it is nested. */
export function cardInputs(card: unknown): Element[] {
    const out: Element[] = [];
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            const o = n as Element;
            if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
            for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
        }
    };
    walk(card);
    return out;
}

/**
 * The validation message shown at an input: the text of the element placed directly after it in the
 * same list (as an errorMessage would be), when that element says "Needs an answer"; undefined when
 * the input has none there. Throws when the card has no such input.
 */
export function errorAtInput(card: unknown, inputId: string): string | undefined {
    let found = false;
    let message: string | undefined;
    const walk = (n: unknown) => {
        if (Array.isArray(n)) {
            n.forEach((item: Element, i) => {
                if (item && typeof item === 'object' && item.id === inputId && String(item.type).startsWith('Input.')) {
                    found = true;
                    const next = cardText(n[i + 1]);
                    if (next.startsWith('Needs an answer\n')) message = next.slice('Needs an answer\n'.length);
                }
            });
            n.forEach(walk);
        } else if (n && typeof n === 'object')
            for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
    };
    walk(card);
    if (!found) throw new Error(`the card has no input "${inputId}"`);
    return message;
}

/** Every "Needs an answer" message anywhere in a card, wherever it is placed. */
export function allFieldErrors(card: unknown): string[] {
    const text = cardText(card).split('\n');
    return text.flatMap((line, i) => (line === 'Needs an answer' ? [text[i + 1]] : []));
}
