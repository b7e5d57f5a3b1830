/**
 * Finds the names of a vocabulary in a message with NLP.js's enum entity extractor: every name
 * exactly (a dictionary look-up), and, for fuzzy matching, only the names that share a word with
 * the message give or take a typo. Documents are also found by a distinctive part of their names
 * (`partialNames.ts`: "the viability one"). NLP.js compares every name with every run of words, which costs
 * about 2 ms a word over the partnership's 170 names; the pre-filter keeps a long message cheap.
 */
import {
    documentWordsOf,
    nameWords,
    objectivePattern,
    PERIOD_PATTERNS,
    withoutOverlaps,
    type EntityMatch,
    type EntityType,
    type Vocabulary,
} from './entities.js';
import { findPartialNames, indexParts, partialNames, type PartIndex } from './partialNames.js';

/** The part of NLP.js's enum extractor this uses (the container's `extract-enum`). */
export interface EnumExtractor {
    extract(input: {
        text: string;
        locale: string;
        nerRules: EnumRule[];
        threshold: number;
    }): Promise<{ edges?: Edge[] }> | { edges?: Edge[] };
}

interface EnumRule {
    name: string;
    type: 'enum';
    rules: { option: string; texts: string[] }[];
}

interface Edge {
    entity: string;
    option?: string;
    start: number;
    end: number;
}

interface NameEntry {
    type: EntityType;
    value: string;
    text: string;
    /** The name's words of three letters or more, lower case. */
    words: string[];
}

/** A word in more names than this is not used to pick names for fuzzy matching. */
const COMMON_WORD_NAMES = 3;

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [];

/** Two words that may be the same word with a typo: same length give or take two, and the same start or end. */
function alike(a: string, b: string): boolean {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 2 || a.length < 4 || b.length < 4) return false;
    return a.slice(0, 3) === b.slice(0, 3) || a.slice(-3) === b.slice(-3);
}

/** Where a word is filed in the index: itself, and (four letters or more) its first and last three letters. */
function indexKeys(word: string): string[] {
    return word.length >= 4 ? [`=${word}`, `<${word.slice(0, 3)}`, `>${word.slice(-3)}`] : [`=${word}`];
}

export class NameFinder {
    private readonly rules: EnumRule[] = [];
    private readonly entries: NameEntry[] = [];
    /** Entries' positions by `indexKeys` of their words. */
    private readonly index = new Map<string, number[]>();
    private readonly objective?: RegExp;
    /** Parts of documents' names that name one document ("the viability one"). */
    private readonly parts: PartIndex;
    /** Words that belong to one kind of name only, for hints (see `nameHints`). */
    readonly words: Map<string, EntityType>;
    /** Every word of the documents' names, for hints. */
    readonly documentWords: Set<string>;

    constructor(
        private readonly extractor: EnumExtractor,
        vocabulary: Vocabulary,
        private readonly threshold: number,
    ) {
        for (const type of ['group', 'protocol', 'theme'] as const) {
            const byValue = vocabulary.names[type] ?? {};
            this.rules.push({
                name: type,
                type: 'enum',
                rules: Object.entries(byValue).map(([option, texts]) => ({ option, texts: [...texts] })),
            });
            for (const [value, texts] of Object.entries(byValue))
                for (const text of texts) this.entries.push({ type, value, text, words: wordsOf(text) });
        }
        // A word in many names ("protocol", "kent", "housing") says little about which name is meant.
        const names = new Map<string, Set<string>>();
        for (const e of this.entries)
            for (const w of e.words) (names.get(w) ?? names.set(w, new Set()).get(w)!).add(`${e.type}:${e.value}`);
        for (const e of this.entries) e.words = e.words.filter((w) => names.get(w)!.size <= COMMON_WORD_NAMES);
        // Each name under each of its words, and under a word's first and last three letters (what
        // `alike` compares), so a message's words pick their candidates without a pass over every name.
        this.entries.forEach((e, i) => {
            for (const w of e.words)
                for (const k of indexKeys(w)) (this.index.get(k) ?? this.index.set(k, []).get(k)!).push(i);
        });
        this.objective = objectivePattern(vocabulary.themeCodes);
        this.words = nameWords(vocabulary);
        this.documentWords = documentWordsOf(vocabulary);
        this.parts = indexParts(partialNames(vocabulary));
    }

    /** The names in the text; `fuzzy` false matches names exactly only. Overlaps keep the longest. */
    async find(text: string, fuzzy = true): Promise<EntityMatch[]> {
        const found: EntityMatch[] = [];
        const add = (edges: Edge[] | undefined) => {
            for (const e of edges ?? []) {
                if (e.option === undefined) continue;
                found.push({
                    type: e.entity as EntityType,
                    value: e.option,
                    text: text.slice(e.start, e.end + 1),
                    start: e.start,
                    end: e.end,
                });
            }
        };
        add((await this.extractor.extract({ text, locale: 'en', nerRules: this.rules, threshold: 1 })).edges);
        if (fuzzy && this.threshold < 1) {
            const candidates = this.candidates(wordsOf(text));
            if (candidates.length)
                add(
                    (
                        await this.extractor.extract({
                            text,
                            locale: 'en',
                            nerRules: this.rulesFor(candidates),
                            threshold: this.threshold,
                        })
                    ).edges,
                );
        }
        found.push(...findPartialNames(text, this.parts));
        const patterns: [EntityType, RegExp][] = [
            ...PERIOD_PATTERNS.map((p): [EntityType, RegExp] => ['period', p]),
            ...(this.objective ? [['objective', this.objective] as [EntityType, RegExp]] : []),
        ];
        for (const [type, pattern] of patterns) {
            for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
                found.push({
                    type,
                    value: type === 'objective' ? m[0].toUpperCase() : m[0],
                    text: m[0],
                    start: m.index,
                    end: m.index + m[0].length - 1,
                });
            }
        }
        return withoutOverlaps(found);
    }

    /**
     * The names (of five letters or more) with a word `alike` one of the message's words, in the
     * vocabulary's order.
     */
    private candidates(words: string[]): NameEntry[] {
        const picked = new Set<number>();
        for (const x of words)
            for (const k of indexKeys(x))
                for (const i of this.index.get(k) ?? []) {
                    const e = this.entries[i];
                    if (!picked.has(i) && e.text.length >= 5 && e.words.some((w) => alike(w, x))) picked.add(i);
                }
        return [...picked].sort((a, b) => a - b).map((i) => this.entries[i]);
    }

    private rulesFor(entries: NameEntry[]): EnumRule[] {
        const byType = new Map<EntityType, Map<string, string[]>>();
        for (const e of entries) {
            const options = byType.get(e.type) ?? byType.set(e.type, new Map()).get(e.type)!;
            (options.get(e.value) ?? options.set(e.value, []).get(e.value)!).push(e.text);
        }
        return [...byType].map(([name, options]) => ({
            name,
            type: 'enum',
            rules: [...options].map(([option, texts]) => ({ option, texts })),
        }));
    }
}
