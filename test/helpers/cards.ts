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
