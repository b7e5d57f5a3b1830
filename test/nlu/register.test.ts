/** The register's intents (data/nlu/register.json) on phrasings the corpus does not contain. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readCorpus, trainRecognizer, type Recognizer } from '../../src/nlu/recognizer.js';
import { NLU_DIR } from '../../src/paths.js';

describe('recognising questions about the register', () => {
    let recognizer: Recognizer;
    before(async () => {
        recognizer = await trainRecognizer(readCorpus(NLU_DIR));
    });

    const cases: [string, string][] = [
        ['Which of the protocols are due a review?', 'protocols.due'],
        ['which of our documents are due?', 'protocols.due'],
        ["which of KHOG's protocols are overdue", 'protocols.due'],
        ['which documents are due in the next six months', 'protocols.due'],
        ['anything overdue for review?', 'protocols.due'],
        ['whats due soon', 'protocols.due'],
        ['overdue protocols', 'protocols.due'],
        ["who's the owner of the pre eviction protocol", 'protocols.one'],
        ['can u tell me about KRS pls', 'protocols.one'],
        ['when was the TA protocol last reviewed', 'protocols.one'],
        ['when is the mental health discharge protocol due', 'protocols.one'],
        ['tell me about the community led planning guide', 'protocols.one'],
        ['what shud we review first', 'protocols.first'],
        ['what should we review 1st', 'protocols.first'],
        ['what do we do first', 'protocols.first'],
        ['help', 'help'],
        ['purple elephants dancing', 'None'],
    ];
    for (const [text, intent] of cases) {
        it(`"${text}" is ${intent}`, async () => {
            assert.equal((await recognizer.recognize(text)).intent, intent);
        });
    }

    it('has 10 to 20 phrasings for each register intent', () => {
        const corpus = JSON.parse(fs.readFileSync(path.join(NLU_DIR, 'register.json'), 'utf8')) as { intents: Record<string, string[]> };
        assert.deepEqual(Object.keys(corpus.intents).sort(), ['protocols.due', 'protocols.first', 'protocols.one']);
        for (const [intent, phrases] of Object.entries(corpus.intents)) {
            assert.ok(phrases.length >= 10 && phrases.length <= 20, `${intent} has ${phrases.length}`);
            for (const [text] of cases) assert.ok(!phrases.includes(text), `"${text}" is in the corpus, so it tests nothing`);
        }
    });
});
