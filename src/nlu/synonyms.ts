/**
 * Words people use for words the corpus already knows: "out of date", "stale" and "expired" for
 * "overdue", "guidance documents" for "documents". Kept as data (`"synonyms"` in a corpus file in
 * `data/nlu/`): each phrase is read as its word before classifying, in the training phrasings and in
 * messages alike, so a family of synonyms needs one entry rather than phrasings for each of its words.
 */

/** word -> the phrases read as it. */
export type SynonymTable = Record<string, string[]>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase's words may be split by spaces or hyphens, whichever the person typed: "out-of-date". */
const pattern = (phrase: string) =>
    phrase
        .trim()
        .split(/[\s-]+/)
        .map(escape)
        .join('[\\s-]+');

/**
 * Reads every phrase of the table as its word. Longer phrases are tried first ("guidance documents"
 * before "guidance"); matching ignores case and needs whole words. A phrase listed under two words is
 * read as the first.
 */
export class Synonyms {
    private readonly regex?: RegExp;
    private readonly wordOf = new Map<string, string>();

    constructor(table: SynonymTable = {}) {
        for (const [word, phrases] of Object.entries(table))
            for (const p of phrases) {
                const key = normal(p);
                if (key && !this.wordOf.has(key)) this.wordOf.set(key, word);
            }
        const phrases = [...this.wordOf.keys()].sort((a, b) => b.length - a.length);
        if (phrases.length) this.regex = new RegExp(`(?<![\\w@])(?:${phrases.map(pattern).join('|')})(?![\\w])`, 'gi');
    }

    /** The text with each phrase replaced by its word: "which guidance docs are stale" -> "which documents are overdue". */
    apply(text: string): string {
        if (!this.regex) return text;
        return text.replace(this.regex, (m) => this.wordOf.get(normal(m)) ?? m);
    }
}

function normal(phrase: string): string {
    return phrase
        .toLowerCase()
        .split(/[\s-]+/)
        .filter(Boolean)
        .join(' ');
}
