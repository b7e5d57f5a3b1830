/** The recogniser as the bot runs it on the partnership's seed data, trained once for all tests. */
import { vocabularyOf } from '../../src/nlu/entities.js';
import { readSeed } from '../../src/nlu/labelled.js';
import { readCorpus, trainRecognizer, type Recognizer } from '../../src/nlu/recognizer.js';
import { NLU_DIR } from '../../src/paths.js';

let trained: Promise<Recognizer> | undefined;

export function seedRecognizer(): Promise<Recognizer> {
    const corpus = readCorpus(NLU_DIR);
    trained ??= trainRecognizer(corpus, { vocabulary: vocabularyOf(readSeed(), corpus.entities) });
    return trained;
}
