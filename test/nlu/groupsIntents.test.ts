/** The groups corpus (data/nlu/groups.json): phrasings it was not trained on still land on the right intent. */
import assert from 'node:assert/strict';
import { readCorpus, trainRecognizer, type Recognizer } from '../../src/nlu/recognizer.js';
import { NLU_DIR } from '../../src/paths.js';

describe('recognising questions about groups and their updates', () => {
    let recognizer: Recognizer;
    before(async () => {
        recognizer = await trainRecognizer(readCorpus(NLU_DIR));
    });

    const cases: [string, string][] = [
        ['When is KHOG due?', 'update.next'],
        ['when is tenancy managements update due', 'update.next'],
        ['when is the next update due for kpog', 'update.next'],
        ['our update - when is it due', 'update.next'],
        ['whats due for my group', 'update.next'],
        ['has asset management submitted', 'update.next'],
        ['what do I need to report to the Board?', 'update.next'],
        ['anyone overdue?', 'groups.late'],
        ['who is behind with their update', 'groups.late'],
        ['which groups havent submitted', 'groups.late'],
        ['hello', 'greet'],
        ['what can you do', 'help'],
    ];
    for (const [text, intent] of cases) {
        it(`"${text}" is ${intent}`, async () => {
            assert.equal((await recognizer.recognize(text)).intent, intent);
        });
    }

    it('has 10 to 20 phrasings for each intent', () => {
        const corpus = readCorpus(NLU_DIR);
        for (const intent of ['update.next', 'groups.late']) {
            assert.ok(
                corpus[intent].length >= 10 && corpus[intent].length <= 20,
                `${intent}: ${corpus[intent].length}`,
            );
        }
    });
});
