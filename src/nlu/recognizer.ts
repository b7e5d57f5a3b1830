/**
 * The embedded language understanding: an NLP.js model trained at start-up from the corpus kept as
 * data in `data/nlu/` (one JSON file per feature). No network, no model download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en-min';

export interface Recognition {
    /** The best intent, or `None` when nothing is close enough. */
    intent: string;
    score: number;
    /** The runners-up, best first, for clarifying questions. */
    alternatives: { intent: string; score: number }[];
}

export interface Recognizer {
    recognize(text: string): Promise<Recognition>;
    readonly intents: string[];
}

export interface CorpusFile {
    intents: Record<string, string[]>;
}

/** Reads every `*.json` corpus file in the folder and merges them by intent. */
export function readCorpus(dir: string): Record<string, string[]> {
    const merged: Record<string, string[]> = {};
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
        const corpus = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CorpusFile;
        for (const [intent, utterances] of Object.entries(corpus.intents)) {
            (merged[intent] ??= []).push(...utterances);
        }
    }
    return merged;
}

/** Trains a recogniser on the given utterances per intent. */
export async function trainRecognizer(corpus: Record<string, string[]>, threshold = 0.6): Promise<Recognizer> {
    const container = await containerBootstrap();
    container.use(Nlp);
    container.use(LangEn);
    // NLP.js's default NLU settings, with its per-epoch training log turned off.
    container.registerConfiguration(
        'nlu-??',
        { keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: false, spellCheckDistance: 1, filterZeros: true, log: false },
        true,
    );
    const nlp = container.get('nlp');
    nlp.settings.autoSave = false;
    nlp.settings.log = false;
    nlp.settings.threshold = threshold;
    nlp.addLanguage('en');
    for (const [intent, utterances] of Object.entries(corpus)) {
        for (const u of utterances) nlp.addDocument('en', u, intent);
    }
    await nlp.train();
    return {
        intents: Object.keys(corpus),
        async recognize(text: string): Promise<Recognition> {
            const r = await nlp.process('en', text);
            const classifications: { intent: string; score: number }[] = (r.classifications ?? []).filter(
                (c: { intent: string }) => c.intent !== 'None',
            );
            return {
                intent: r.intent === 'None' || r.score < threshold ? 'None' : r.intent,
                score: r.score,
                alternatives: classifications.slice(0, 3),
            };
        },
    };
}
