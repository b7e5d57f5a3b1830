/**
 * The things people name in their questions, and how the recogniser finds them: groups and their
 * short names, documents of the register and theirs, strategy themes, objective references ("HW9")
 * and periods ("September 2026", "next quarter", "this period").
 *
 * Names come from the store (a new group or document is known as soon as it is stored) plus extra
 * ways of saying them kept as data in `data/nlu/` (`"entities"` in a corpus file). The recogniser
 * replaces each name found with a placeholder (`@group`, `@protocol`...) before classifying, so the
 * classifier learns "when is @group due" and "when is the @protocol due" rather than a list of names.
 */
import type { StoreData } from '../domain/model.js';

export const ENTITY_TYPES = ['group', 'protocol', 'theme', 'objective', 'period'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One name found in a message. */
export interface EntityMatch {
    type: EntityType;
    /** The id of what is named (a group's or document's id, a theme's code), or the text for refs and periods. */
    value: string;
    /** The words as the person wrote them. */
    text: string;
    /** Character offsets in the message, `end` inclusive. */
    start: number;
    end: number;
}

/** The names the recogniser looks for, by type and by what they name. */
export interface Vocabulary {
    /** type -> value (id or code) -> the ways of writing it. */
    names: Partial<Record<'group' | 'protocol' | 'theme', Record<string, string[]>>>;
    /** Theme codes, for objective references ("HW9", "A8"). */
    themeCodes: string[];
}

/** Extra ways of naming things, as kept in corpus files: type -> value -> texts. */
export type ExtraNames = Partial<Record<'group' | 'protocol' | 'theme', Record<string, string[]>>>;

/** The placeholder written in training phrasings and put in place of a name before classifying. */
export const placeholder = (type: EntityType) => `@${type}`;

/** Names of one letter or two common words would match ordinary words; such names are left out. */
function usable(name: string): boolean {
    const n = name.trim();
    return n.length >= 2 && !/^(a|i|an|and|or|of|the|to|in|on|it|is|we|us|me|my)$/i.test(n);
}

/** The vocabulary of the store: every group, document and theme by its names, plus the extra names. */
export function vocabularyOf(
    data: Pick<StoreData, 'groups' | 'protocols' | 'themes'>,
    extra: ExtraNames = {},
): Vocabulary {
    const add = (into: Record<string, string[]>, value: string, texts: readonly string[]) => {
        const list = (into[value] ??= []);
        for (const t of texts)
            if (usable(t) && !list.some((x) => x.toLowerCase() === t.toLowerCase())) list.push(t.trim());
    };
    const group: Record<string, string[]> = {};
    for (const g of data.groups) add(group, g.id, [g.name, ...g.aliases]);
    const protocol: Record<string, string[]> = {};
    for (const p of data.protocols) add(protocol, p.id, [p.title, ...p.aliases]);
    const theme: Record<string, string[]> = {};
    // A theme's code on its own ("A", "I") is an ordinary word: themes are found by their names.
    for (const t of data.themes) add(theme, t.code, [t.name]);
    const known = { group, protocol, theme };
    for (const type of ['group', 'protocol', 'theme'] as const) {
        for (const [value, texts] of Object.entries(extra[type] ?? {}))
            if (known[type][value]) add(known[type], value, texts);
    }
    return { names: known, themeCodes: data.themes.map((t) => t.code) };
}

const MONTH =
    '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const COUNT =
    '(?:\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|few|couple(?: of)?)';
const UNIT = '(?:days?|weeks?|fortnights?|months?|quarters?|years?)';

/**
 * Periods people name: a month (with or without its year; "may" only with a year or after "in",
 * "for"..., since "may I" is not a month), `2026-09`, a quarter, "this period", "next quarter",
 * "the next six months", "by the end of the year", a year on its own.
 */
export const PERIOD_PATTERNS: readonly RegExp[] = [
    new RegExp(`\\b${MONTH}\\.?(?:\\s+20\\d\\d)?\\b`, 'gi'),
    /\bmay\s+20\d\d\b/gi,
    /\b(?:in|for|since|from|until|till|by|of|during)\s+may\b/gi,
    /\b20\d\d-(?:0[1-9]|1[0-2])\b/g,
    /\bq[1-4](?:\s+20\d\d)?\b/gi,
    /\b(?:this|last|next|previous|current|coming)\s+(?:reporting\s+)?(?:period|quarter|month|year|six months|fortnight|week|round|cycle)\b/gi,
    new RegExp(`\\b(?:in|within|over)\\s+the\\s+(?:next|coming)\\s+(?:${COUNT}\\s+)?${UNIT}\\b`, 'gi'),
    new RegExp(`\\b(?:next|coming)\\s+${COUNT}\\s+${UNIT}\\b`, 'gi'),
    /\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+(?:year|month|quarter)\b/gi,
    /\b(?:19|20)\d\d\b/g,
];

/** Objective references: a theme code and a number ("HW9", "a8"). */
export function objectivePattern(themeCodes: readonly string[]): RegExp | undefined {
    const codes = themeCodes.filter((c) => /^[A-Za-z]{1,4}$/.test(c)).sort((a, b) => b.length - a.length);
    return codes.length ? new RegExp(`\\b(?:${codes.join('|')})\\d{1,2}\\b`, 'gi') : undefined;
}

/** Keeps the longest of overlapping matches (then the earliest, then the named over the pattern-found). */
export function withoutOverlaps(matches: readonly EntityMatch[]): EntityMatch[] {
    const rank = (m: EntityMatch) => ENTITY_TYPES.indexOf(m.type);
    const sorted = [...matches].sort(
        (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || rank(a) - rank(b),
    );
    const kept: EntityMatch[] = [];
    for (const m of sorted) if (!kept.some((k) => m.start <= k.end && k.start <= m.end)) kept.push(m);
    return kept.sort((a, b) => a.start - b.start);
}

/** The text with each match replaced by its placeholder: "when is KHOG's update due" -> "when is @group's update due". */
export function withPlaceholders(text: string, matches: readonly EntityMatch[]): string {
    let out = '';
    let at = 0;
    for (const m of [...matches].sort((a, b) => a.start - b.start)) {
        if (m.start < at) continue;
        out += text.slice(at, m.start) + placeholder(m.type);
        at = m.end + 1;
    }
    return out + text.slice(at);
}

/** Words too common to say which kind of name they come from. */
const COMMON = new Set(
    'the and for with from into this that your our their its are was has have been out off not all any who how when what why where which per via'.split(
        ' ',
    ),
);

/**
 * Each word of the store's names that belongs to one kind of name only ("better" -> protocol, from
 * "Better Homes: ..."; "planning" is in a group's name and a document's, so it is in neither).
 * Lower case, three letters or more.
 */
export function nameWords(v: Vocabulary): Map<string, EntityType> {
    const kinds = new Map<string, Set<EntityType>>();
    for (const type of ['group', 'protocol', 'theme'] as const) {
        for (const texts of Object.values(v.names[type] ?? {})) {
            for (const t of texts) {
                for (const w of t.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
                    if (!COMMON.has(w)) (kinds.get(w) ?? kinds.set(w, new Set()).get(w)!).add(type);
                }
            }
        }
    }
    const words = new Map<string, EntityType>();
    for (const [w, types] of kinds) if (types.size === 1) words.set(w, [...types][0]);
    return words;
}

/**
 * Runs of words from one kind of name that the classifier does not know and that no name matched in
 * full: "tell me about better homes" names some document, though not which. They are replaced by that
 * kind's placeholder for classifying only (they name nothing precisely, so they are not entities).
 */
export function nameHints(
    text: string,
    matched: readonly EntityMatch[],
    words: ReadonlyMap<string, EntityType>,
    isKnownWord: (word: string) => boolean,
    documentWords: ReadonlySet<string> = new Set(),
): EntityMatch[] {
    const hints: EntityMatch[] = [];
    for (const m of text.matchAll(/[A-Za-z]+/g)) {
        const start = m.index;
        const end = start + m[0].length - 1;
        if (matched.some((e) => start <= e.end && e.start <= end)) continue;
        const type = words.get(m[0].toLowerCase());
        if (!type || isKnownWord(m[0])) continue;
        const last = hints[hints.length - 1];
        if (last?.type === type && /^[\s:;,&/-]*$/.test(text.slice(last.end + 1, start))) {
            last.end = end;
            last.text = text.slice(last.start, end + 1);
        } else hints.push({ type, value: '', text: m[0], start, end });
    }
    // One word of a document's name is often an ordinary word ("local", "people"): it hints at a
    // document only when another word of a document's name ("better homes") or a word such as
    // "guide" or "one" follows it.
    return hints.filter((h) => {
        if (h.type !== 'protocol' || /[\s:;,&/-]/.test(h.text)) return true;
        const next = /^[\s-]+([A-Za-z]+)/.exec(text.slice(h.end + 1))?.[1]?.toLowerCase();
        return next !== undefined && (HINT_DOCUMENT_WORDS.has(next) || documentWords.has(next));
    });
}

const HINT_DOCUMENT_WORDS = new Set(
    'one doc document guide guidance protocol strategy policy procedure form booklet framework scheme'.split(' '),
);

/**
 * The words of three letters or more in the documents' names that are in a few documents' names at
 * most ("homes", not "housing"), lower case.
 */
export function documentWordsOf(v: Vocabulary, most = 4): Set<string> {
    const documents = new Map<string, Set<string>>();
    for (const [id, texts] of Object.entries(v.names.protocol ?? {}))
        for (const t of texts)
            for (const w of t.toLowerCase().match(/[a-z]{3,}/g) ?? [])
                if (!COMMON.has(w)) (documents.get(w) ?? documents.set(w, new Set()).get(w)!).add(id);
    return new Set([...documents].filter(([, ids]) => ids.size <= most).map(([w]) => w));
}

/** Words that end a document's name: "the zebra crossing charter", "our damp and mould policy". */
const HEAD_NOUNS = new Set(
    'guide protocol strategy policy procedure form booklet leaflet framework scheme pathway charter toolkit document'.split(
        ' ',
    ),
);

/**
 * Names of documents the store does not hold: up to three words the classifier does not know just
 * before a word that ends a document's name ("tell me about the zebra crossing charter"). They name
 * some document, so they are read as `@protocol` for classifying (and are not words the recogniser
 * has never learnt); the document look-up then says it has no such document.
 */
export function unknownDocumentNames(
    text: string,
    matched: readonly EntityMatch[],
    isKnownWord: (word: string) => boolean,
    isCommonWord: (word: string) => boolean,
): EntityMatch[] {
    const words = [...text.matchAll(/[A-Za-z]+/g)].map((m) => ({
        word: m[0],
        start: m.index,
        end: m.index + m[0].length - 1,
    }));
    const free = (i: number) => !matched.some((e) => words[i].start <= e.end && e.start <= words[i].end);
    const found: EntityMatch[] = [];
    for (let i = 1; i < words.length; i++) {
        if (!HEAD_NOUNS.has(words[i].word.toLowerCase()) || !free(i)) continue;
        let first = i;
        while (
            first > 0 &&
            i - first < 3 &&
            free(first - 1) &&
            !isKnownWord(words[first - 1].word) &&
            !isCommonWord(words[first - 1].word)
        )
            first--;
        if (first < i)
            found.push({
                type: 'protocol',
                value: '',
                text: text.slice(words[first].start, words[i].end + 1),
                start: words[first].start,
                end: words[i].end,
            });
    }
    return found;
}
