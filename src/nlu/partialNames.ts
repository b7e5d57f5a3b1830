/**
 * Documents named by part of their title, as people do: "the viability one", "the fuel poverty
 * strategy", "mental health discharge", "the third age guide". A part of a name counts when it holds
 * a word found in one document's names only (a distinctive word) and, as a run of title words,
 * belongs to that document alone, and when it is either
 * - followed by a word that says a document is meant ("one", "guide", "protocol", "doc"...), or
 * - two or more words long and not made of ordinary words only ("young people" counts, since
 *   "young" names one document; "social housing" does not, since both words are in several names).
 * Words shared with a group's or theme's name never make a part distinctive ("planning", "health").
 */
import type { EntityMatch, Vocabulary } from './entities.js';

/** Words after a part of a title that say a document is meant: "the viability one", "the rural guide". */
export const DOCUMENT_WORDS = [
    'one',
    'doc',
    'docs',
    'document',
    'documents',
    'guide',
    'guidance',
    'protocol',
    'protocols',
    'strategy',
    'policy',
    'procedure',
    'form',
    'booklet',
    'leaflet',
    'framework',
    'scheme',
    'pathway',
    'charter',
    'toolkit',
    'paper',
] as const;

/** Words that never start or end a part of a title: they name no document on their own. */
const FILLER = new Set(
    'a an the and or of for to in on at by with from between those when who is are be our your their its this that kent medway khg'.split(
        ' ',
    ),
);
const DOCUMENT = new Set<string>(DOCUMENT_WORDS);

export interface Part {
    words: string[];
    protocol: string;
}

const wordsIn = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Every part of the documents' names that names one document only, longest first (see the module's comment). */
export function partialNames(vocabulary: Vocabulary): Part[] {
    const documents = vocabulary.names.protocol ?? {};
    // Which documents (and other kinds of name) each word and each run of words appears in.
    const owners = new Map<string, Set<string>>();
    const note = (key: string, owner: string) => (owners.get(key) ?? owners.set(key, new Set()).get(key)!).add(owner);
    for (const type of ['group', 'theme'] as const)
        for (const [value, texts] of Object.entries(vocabulary.names[type] ?? {}))
            for (const t of texts) for (const w of wordsIn(t)) note(w, `${type}:${value}`);
    const runs = new Map<string, Part>();
    for (const [id, texts] of Object.entries(documents)) {
        for (const t of texts) {
            const words = wordsIn(t);
            for (let i = 0; i < words.length; i++) {
                for (let j = i + 1; j <= words.length; j++) {
                    const run = words.slice(i, j);
                    const key = run.join(' ');
                    note(key, `protocol:${id}`);
                    if (!runs.has(key)) runs.set(key, { words: run, protocol: id });
                }
            }
        }
    }
    const distinctive = (w: string) =>
        !FILLER.has(w) && !DOCUMENT.has(w) && w.length >= 3 && (owners.get(w)?.size ?? 0) === 1;
    const parts: Part[] = [];
    for (const [key, part] of runs) {
        const { words } = part;
        if ((owners.get(key)?.size ?? 0) !== 1) continue;
        if (FILLER.has(words[0]) || FILLER.has(words[words.length - 1]) || DOCUMENT.has(words[words.length - 1]))
            continue;
        if (!words.some(distinctive)) continue;
        parts.push(part);
    }
    return parts.sort((a, b) => b.words.length - a.words.length);
}

/** The parts by their first word, each list longest first, for looking them up word by word. */
export type PartIndex = Map<string, Part[]>;

/** Indexes the parts (`partialNames`) by their first word. */
export function indexParts(parts: readonly Part[]): PartIndex {
    const index: PartIndex = new Map();
    for (const p of parts) (index.get(p.words[0]) ?? index.set(p.words[0], []).get(p.words[0])!).push(p);
    for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
    return index;
}

/**
 * The documents named by part of their title in a text (see the module's comment), read from left to
 * right, the longest part at each word first. Whole names found by the name finder win over parts, as
 * the longer match, when the finder's matches are merged.
 */
export function findPartialNames(text: string, index: PartIndex): EntityMatch[] {
    const tokens = [...text.matchAll(/[A-Za-z0-9]+/g)].map((m) => ({
        word: m[0].toLowerCase(),
        start: m.index,
        end: m.index + m[0].length - 1,
    }));
    const found: EntityMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
        for (const part of index.get(tokens[i].word) ?? []) {
            const n = part.words.length;
            if (i + n > tokens.length || part.words.some((w, k) => tokens[i + k].word !== w)) continue;
            const next = tokens[i + n];
            // Only plain spacing (or a hyphen) between the part and the word that says a document is meant.
            const named =
                next !== undefined &&
                DOCUMENT.has(next.word) &&
                /^[\s-]+$/.test(text.slice(tokens[i + n - 1].end + 1, next.start));
            if (!named && n < 2) continue;
            const last = named ? next : tokens[i + n - 1];
            found.push({
                type: 'protocol',
                value: part.protocol,
                text: text.slice(tokens[i].start, last.end + 1),
                start: tokens[i].start,
                end: last.end,
            });
            i += n - (named ? 0 : 1);
            break;
        }
    }
    return found;
}
