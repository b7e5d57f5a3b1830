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
