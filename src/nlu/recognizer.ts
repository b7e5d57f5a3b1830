/**
 * The embedded language understanding, trained at start-up from the corpus kept as data in
 * `data/nlu/` (one JSON file per feature). No network, no model download.
 *
 * Names are not learnt as words: NLP.js's named-entity extractor finds groups, documents and themes
 * (fuzzily, so small typos are forgiven) with objective references and periods (patterns), and each is
 * replaced by a placeholder (`@group`, `@protocol`...) both in the training phrasings and in the
 * messages classified. "When is KHOG due?" and "when is the KRS due?" then differ by what they name,
 * and a new group or document needs no retraining: the recogniser reads the names from the store.
 *
 * Two classifiers read the same NLP.js features (normalised, stemmed, spell-checked words): NLP.js's
 * neural network and a naive Bayes (`naiveBayes.ts`); their scores are averaged, weighted as
 * cross-validation on the corpus chose (`npm run nlu:report`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { containerBootstrap } from '@nlpjs/core';
import { Nlp, type NlpManager } from '@nlpjs/nlp';
import { LangEn, StopwordsEn } from '@nlpjs/lang-en-min';
import { NaiveBayes, type Scored } from './naiveBayes.js';
import {
    nameHints,
    unknownDocumentNames,
    withPlaceholders,
    type EntityMatch,
    type ExtraNames,
    type Vocabulary,
} from './entities.js';
import { NameFinder, type EnumExtractor } from './nameFinder.js';
import { Synonyms, type SynonymTable } from './synonyms.js';
import type { ModelCache } from './modelCache.js';

export type { EntityMatch } from './entities.js';

/** The intent of messages about something else (trained from `data/nlu/none.json`). */
export const NONE = 'None';

export interface Recognition {
    /** The best intent (`None` when messages about something else score best). */
    intent: string;
    score: number;
    /** Every intent with a score above zero, best first (the best included), for clarifying questions. */
    alternatives: { intent: string; score: number }[];
    /** The names found in the message: groups, documents, themes, objective references, periods. */
    entities: EntityMatch[];
    /**
     * The message's words (outside names, as stems, after spelling correction) that no phrasing of the
     * corpus uses, common words ("the", "would") left out: what the recogniser has never learnt about.
     */
    unknown: string[];
    /**
     * The intents whose phrasings share the message's telling words ("website", "documents"), best
     * first: what a declined question is nearest to, whatever the classifiers scored.
     */
    related: string[];
}

export interface Recognizer {
    recognize(text: string): Promise<Recognition>;
    /** The names in a message (its first `MAX_RECOGNISED` characters), without classifying it. */
    entitiesIn(text: string): Promise<EntityMatch[]>;
    readonly intents: string[];
    /** How long training (or loading the kept model) took, in milliseconds. */
    readonly trainingMs: number;
    /** Whether the model was trained at this start or loaded from the model cache. */
    readonly model: 'trained' | 'cached';
}

/**
 * A corpus file: phrasings by intent, and optionally extra names by entity type and value, and
 * synonyms (word -> phrases read as it, see `synonyms.ts`).
 */
export interface CorpusFile {
    intents?: Record<string, string[]>;
    entities?: ExtraNames;
    synonyms?: SynonymTable;
}

export interface Corpus {
    intents: Record<string, string[]>;
    entities: ExtraNames;
    /** Read before classifying, in training and in messages; none when absent. */
    synonyms?: SynonymTable;
}

/** Reads every `*.json` corpus file in the folder and merges them by intent (and entity). */
export function readCorpus(dir: string): Corpus {
    const corpus: Corpus = { intents: {}, entities: {}, synonyms: {} };
    for (const f of fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort()) {
        const file = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CorpusFile;
        for (const [intent, utterances] of Object.entries(file.intents ?? {}))
            (corpus.intents[intent] ??= []).push(...utterances);
        for (const [type, byValue] of Object.entries(file.entities ?? {}) as [
            keyof ExtraNames,
            Record<string, string[]>,
        ][]) {
            const into = (corpus.entities[type] ??= {});
            for (const [value, texts] of Object.entries(byValue)) (into[value] ??= []).push(...texts);
        }
        for (const [word, phrases] of Object.entries(file.synonyms ?? {}))
            (corpus.synonyms![word] ??= []).push(...phrases);
    }
    return corpus;
}

export interface RecognizerOptions {
    /**
     * The names to look for. A function is asked on every message, so names added to the store are
     * known at once (the rules are rebuilt only when the names change). Default: none.
     */
    vocabulary?: Vocabulary | (() => Vocabulary);
    /** NLP.js's fuzzy-match threshold for names (1 is exact); default 0.8. */
    nameThreshold?: number;
    /** How the two classifiers are combined; the defaults were chosen by cross-validation on the corpus. */
    classifier?: Partial<ClassifierSettings>;
    /**
     * Where the trained model is kept between starts (`modelCache.ts`): a model trained from the same
     * corpus, names (as the vocabulary is at training), settings, recogniser code and NLP.js version is
     * loaded instead of trained. Default: none, trained every time.
     */
    modelCache?: ModelCache;
}

export interface ClassifierSettings {
    /** The neural network's share of the final score; naive Bayes has the rest. */
    neuralWeight: number;
    /** Naive Bayes's additive smoothing. */
    bayesAlpha: number;
    /** Correct words one letter away from a word of the corpus ("protocls"). */
    spellCheck: boolean;
}

export const DEFAULT_CLASSIFIER: ClassifierSettings = { neuralWeight: 0.3, bayesAlpha: 0.5, spellCheck: true };

const EMPTY: Vocabulary = { names: {}, themeCodes: [] };

/**
 * Only the start of a message is read: a question fits in it, and reading names in a very long
 * message costs time on every word.
 */
export const MAX_RECOGNISED = 300;

/**
 * An intent is related to a message when at least this share of its phrasings use the message's
 * telling words (one in ten: "documents" for the due list, "website" for nothing in particular).
 */
const RELATED_SHARE = 0.1;

/** The versions of the NLP.js packages installed beside `@nlpjs/nlp` (the ones this process loads). */
function nlpjsVersions(): Record<string, string> {
    const scope = path.dirname(path.dirname(path.dirname(createRequire(import.meta.url).resolve('@nlpjs/nlp'))));
    const versions: Record<string, string> = {};
    for (const name of fs.readdirSync(scope).sort()) {
        const file = path.join(scope, name, 'package.json');
        if (fs.existsSync(file))
            versions[name] = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    }
    return versions;
}

/** A digest of the recogniser's own code: every file of this folder, as built or as source. */
function codeDigest(): string {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const hash = createHash('sha256');
    for (const name of fs.readdirSync(dir).sort()) {
        const file = path.join(dir, name);
        if (fs.statSync(file).isFile()) hash.update(name).update('\0').update(fs.readFileSync(file)).update('\0');
    }
    return hash.digest('hex');
}

/**
 * The key of a trained model: a SHA-256 hex digest of everything training depends on (the corpus, the
 * names, the settings, the recogniser's code, the NLP.js versions and Node's). Equal keys train equal models.
 */
export function trainingKey(
    corpus: Corpus,
    vocabulary: Vocabulary,
    settings: ClassifierSettings,
    nameThreshold: number,
): string {
    return createHash('sha256')
        .update(
            JSON.stringify({
                corpus,
                vocabulary,
                settings,
                nameThreshold,
                code: codeDigest(),
                nlpjs: nlpjsVersions(),
                node: process.version,
            }),
        )
        .digest('hex');
}

/**
 * Trains a recogniser on the corpus's phrasings per intent, or loads the model `options.modelCache`
 * kept from a start with the same key (`trainingKey`), and keeps a model it trains there.
 */
export async function trainRecognizer(corpus: Corpus, options: RecognizerOptions = {}): Promise<Recognizer> {
    const started = performance.now();
    const settings = { ...DEFAULT_CLASSIFIER, ...options.classifier };
    const container = await containerBootstrap();
    container.use(Nlp);
    container.use(LangEn);
    // NLP.js's default NLU settings, with its per-epoch training log turned off.
    container.registerConfiguration(
        'nlu-??',
        {
            keepStopwords: true,
            nonefeatureValue: 1,
            nonedeltaMultiplier: 1.2,
            spellCheck: settings.spellCheck,
            spellCheckDistance: 1,
            filterZeros: true,
            log: false,
        },
        true,
    );
    const nlp = container.get('nlp') as NlpManager;
    nlp.settings.autoSave = false;
    nlp.settings.log = false;
    // Words the corpus never uses count towards "None", so an unrelated message is not forced into an intent.
    nlp.nluManager.settings.useNoneFeature = true;
    nlp.addLanguage('en');

    const vocabularyOf =
        typeof options.vocabulary === 'function'
            ? options.vocabulary
            : () => (options.vocabulary as Vocabulary | undefined) ?? EMPTY;
    const extractor = container.get('extract-enum') as EnumExtractor;
    const threshold = options.nameThreshold ?? 0.8;
    let signature = '';
    let finder = new NameFinder(extractor, EMPTY, threshold);
    /** The finder for the current names: rebuilt only when they change. */
    let lastVocabulary: Vocabulary | undefined;
    const names = (): NameFinder => {
        const v = vocabularyOf();
        if (v === lastVocabulary) return finder;
        lastVocabulary = v;
        const next = JSON.stringify(v);
        if (next !== signature) {
            signature = next;
            finder = new NameFinder(extractor, v, threshold);
        }
        return finder;
    };
    const entitiesIn = (text: string, fuzzy = true) => names().find(text.slice(0, MAX_RECOGNISED), fuzzy);
    const synonyms = new Synonyms(corpus.synonyms);

    const key = options.modelCache && trainingKey(corpus, vocabularyOf(), settings, threshold);
    const cached = key === undefined ? undefined : options.modelCache!.load(key);
    let documents: { text: string; intent: string }[];
    if (cached) {
        documents = cached.documents;
        nlp.import(cached.model);
    } else {
        // The corpus spells names correctly, so training matches them exactly: fuzzy matching every phrasing
        // would cost most of the training time.
        documents = [];
        for (const [intent, utterances] of Object.entries(corpus.intents)) {
            for (const u of utterances)
                documents.push({ text: synonyms.apply(withPlaceholders(u, await entitiesIn(u, false))), intent });
        }
        for (const d of documents) nlp.addDocument('en', d.text, d.intent);
        await nlp.train();
        if (key !== undefined)
            options.modelCache!.save(key, {
                documents,
                model: JSON.parse(nlp.export(true)) as Record<string, unknown>,
            });
    }
    // NLP.js's own preparation of a text (normalised, tokenised, stemmed), shared with naive Bayes.
    const nlu = nlp.nluManager.domainManagers.en.domains.master_domain;
    const stemsOf = async (text: string, spellCheck = false): Promise<string[]> => {
        const tokens = await nlu.prepare(text);
        return Object.keys(spellCheck ? nlu.spellCheck.check(tokens, 1) : tokens);
    };
    const bayes = new NaiveBayes(
        await Promise.all(documents.map(async (d) => ({ stems: await stemsOf(d.text), intent: d.intent }))),
        settings.bayesAlpha,
        NONE,
    );
    const trainingMs = performance.now() - started;

    // Stop words as NLP.js stems them ("before" -> "befor"), so a stem can be checked against them.
    const stopStems = new Set(await stemsOf(Object.keys(new StopwordsEn().dictionary).join(' ')));
    const unknownIn = (stems: readonly string[]) =>
        [...new Set(stems)].filter((s) => !bayes.vocabulary.has(s) && !stopStems.has(s) && /^[a-z]{3,}$/.test(s));
    // Greetings, help and messages about something else are never what a question is "near".
    const notRelated = new Set([NONE, 'greet', 'help']);
    const relatedTo = (stems: readonly string[]) =>
        bayes
            .related(
                stems.filter((s) => !stopStems.has(s)),
                3,
                notRelated,
            )
            .filter((r) => r.score >= RELATED_SHARE)
            .map((r) => r.intent);
    const classify = async (text: string): Promise<{ scored: Scored[]; unknown: string[]; related: string[] }> => {
        const neural: Scored[] = (await nlp.classify('en', text)).classifications ?? [];
        const stems = await stemsOf(text, settings.spellCheck);
        const unknown = unknownIn(stems);
        const related = relatedTo(stems);
        const naive = bayes.classify(stems);
        if (!naive) return { scored: [{ intent: NONE, score: 1 }], unknown, related };
        const combined = new Map<string, number>();
        for (const c of neural) combined.set(c.intent, (combined.get(c.intent) ?? 0) + settings.neuralWeight * c.score);
        for (const c of naive)
            combined.set(c.intent, (combined.get(c.intent) ?? 0) + (1 - settings.neuralWeight) * c.score);
        return {
            scored: [...combined].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score),
            unknown,
            related,
        };
    };

    return {
        intents: Object.keys(corpus.intents),
        trainingMs,
        model: cached ? 'cached' : 'trained',
        entitiesIn: (text) => entitiesIn(text),
        async recognize(message: string): Promise<Recognition> {
            const text = message.slice(0, MAX_RECOGNISED);
            const entities = await entitiesIn(text);
            const stems = new Map<string, boolean>();
            for (const w of text.match(/[A-Za-z]+/g) ?? [])
                stems.set(
                    w,
                    (await stemsOf(w)).every((s) => bayes.vocabulary.has(s)),
                );
            const known = (w: string) => stems.get(w) ?? true;
            const hints = nameHints(text, entities, finder.words, known, finder.documentWords);
            hints.push(
                ...unknownDocumentNames(text, [...entities, ...hints], known, (w) => stopStems.has(w.toLowerCase())),
            );
            const nameStems = new Set<string>();
            for (const w of stems.keys())
                if (finder.words.has(w.toLowerCase())) for (const st of await stemsOf(w)) nameStems.add(st);
            const { scored, unknown, related } = await classify(
                synonyms.apply(withPlaceholders(text, [...entities, ...hints])),
            );
            const classifications = scored.filter((c) => c.score > 0);
            const best = classifications[0];
            return {
                intent: best?.intent ?? NONE,
                score: best?.score ?? 0,
                alternatives: classifications.filter((c) => c.intent !== NONE),
                entities,
                // Words of the store's names are known, as names, even where no name matched in full.
                unknown: unknown.filter((u) => !nameStems.has(u)),
                related,
            };
        },
    };
}
