/**
 * `npm run nlu:report`: how well the embedded recogniser understands phrasings it was not trained on.
 * Prints the training time, then for each held-out set (`test/nlu/heldout.json`, the project's own, and
 * `test/nlu/heldout-others.json`, written by people who never saw the corpus) the accuracy, what the bot
 * would do (answer, ask, or decline), the in-scope and out-of-scope measures, the confusion between
 * intents and every miss; then a 5-fold cross-validation over the corpus (`data/nlu/`) with how often
 * the best intent is right at each score. `--quiet` leaves out the lists of misses.
 */
import { calibration, crossValidate, evaluate, formatEvaluation } from '../src/nlu/evaluation.js';
import { vocabularyOf } from '../src/nlu/entities.js';
import { HELD_OUT_FILE, HELD_OUT_OTHERS_FILE, readHeldOut, readSeed } from '../src/nlu/labelled.js';
import { readCorpus, trainRecognizer } from '../src/nlu/recognizer.js';
import { NLU_DIR } from '../src/paths.js';

async function main(): Promise<void> {
    const quiet = process.argv.includes('--quiet');
    const corpus = readCorpus(NLU_DIR);
    const options = { vocabulary: vocabularyOf(readSeed(), corpus.entities) };
    const recognizer = await trainRecognizer(corpus, options);
    const phrasings = Object.values(corpus.intents).reduce((n, p) => n + p.length, 0);
    console.log(
        `Trained on ${phrasings} phrasings of ${recognizer.intents.length} intents in ${Math.round(recognizer.trainingMs)} ms.\n`,
    );
    console.log(formatEvaluation('Held-out phrasings', await evaluate(recognizer, readHeldOut(HELD_OUT_FILE)), !quiet));
    console.log('');
    console.log(
        formatEvaluation(
            'Held-out phrasings from other people',
            await evaluate(recognizer, readHeldOut(HELD_OUT_OTHERS_FILE)),
            !quiet,
        ),
    );
    console.log('');
    const cv = await crossValidate(corpus, options);
    console.log(formatEvaluation('Cross-validation over the corpus (5 folds)', cv, false));
    console.log('');
    console.log(calibration(cv));
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
