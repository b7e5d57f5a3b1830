/**
 * Language that knows what it does not know, over HTTP with the seed data: questions the bot cannot
 * answer get "I can't answer that yet" with the nearest things it can do, never a confident card that
 * answers something else; documents are found by a distinctive part of their names; synonyms such as
 * "out of date" and "guidance documents" are understood.
 *
 * The table below is the contract. When a feature comes to answer one of the declined questions
 * (the groups' capacity), its row changes from
 * `declined` to that feature's answer, as a deliberate edit here.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { StoreData } from '../../src/domain/model.js';
import { readSeed } from '../../src/store/store.js';
import { CANT_ANSWER_YET } from '../../src/bot/messages.js';
import { isFor, rolesOf } from '../../src/domain/help.js';
import { VERBS } from '../../src/bot/verbs.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardActions, cardText } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const clock = () => new Date('2026-11-23T10:00:00Z');
const seed = (): StoreData => readSeed(path.resolve('data/seed.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;

/** Every Action.Execute button of a card. */
const actionsOf = (card: Card): Card[] => cardActions(card).filter((a) => a.type === 'Action.Execute');

type Expected =
    | { declined: true }
    /** Answered with this feature's card or message (and not declined, not asked about). */
    | { answer: RegExp };

const declined: Expected = { declined: true };

const CASES: [who: Sender, text: string, expected: Expected][] = [
    // The issue's own examples. Removing documents, what is not on the website and which groups have not
    // confirmed their documents are answered by the relevance round's features; the groups' capacity is
    // something no paper records, so it is declined.
    [
        morgan,
        'which documents should we remove from the website?',
        { answer: /Documents that might come off the website/ },
    ],
    [morgan, 'which documents are not on the website?', { answer: /Not on the KHG website/ }],
    [jo, 'which documents might we remove?', { answer: /Documents that might come off the website/ }],
    [morgan, 'do we have capacity to review everything?', declined],
    [
        morgan,
        'which sub groups have not confirmed which documents they contribute to?',
        { answer: /No relevance round has been started yet, so no group has been asked to confirm/ },
    ],
    // Questions about the partnership's work that no feature answers.
    [jo, 'can you rewrite the documents for us?', declined],
    // Documents named by part of their title.
    [jo, 'when was the viability one last reviewed?', { answer: /Kent Viability Protocol/ }],
    [jo, 'who looks after duty to refer?', { answer: /Kent and Medway Duty to refer protocol/ }],
    [jo, 'is the fuel poverty one overdue?', { answer: /Kent Fuel Poverty Strategy/ }],
    [jo, 'what about mental health discharge', { answer: /mental health in patient facility protocol/ }],
    [jo, 'tell me about the assessment form', { answer: /Kent Agency Assessment Form/ }],
    [jo, 'tell me about the hoarding guide', { answer: /couldn't find a document called "hoarding guide"/ }],
    // Synonyms.
    [jo, 'which guidance documents are out of date?', { answer: /Protocols and guides: review date passed/ }],
    [jo, 'anything stale on the register?', { answer: /Protocols and guides: review date passed/ }],
];

describe('language that knows what it does not know', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: seed(), clock });
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    async function ask(who: Sender, text: string): Promise<{ all: string; replies: Card[] }> {
        connector.reset();
        const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        const replies = connector.activities();
        assert.ok(replies.length > 0, `an answer to "${text}"`);
        const all = replies.map((r: Card) => `${r.text ?? ''}\n${cardText(r.attachments ?? [])}`).join('\n');
        return { all, replies };
    }

    for (const [who, text, expected] of CASES) {
        const outcome =
            'declined' in expected ? 'is declined with the nearest things' : `is answered (${expected.answer})`;
        it(`"${text}" ${outcome}`, async () => {
            const { all, replies } = await ask(who, text);
            if ('declined' in expected) {
                assert.equal(replies.length, 1, all);
                const card = replies[0].attachments?.[0]?.content;
                assert.ok(card, `a card, got: ${all}`);
                assert.equal(card.body[0].text, CANT_ANSWER_YET);
                assert.doesNotMatch(all, /Did you mean/);
                const buttons = actionsOf(card).map((a: Card) => ({
                    verb: a.verb,
                    intent: a.data.intent,
                    text: a.data.text,
                }));
                // The nearest things the asker may have (none that would only refuse), and everything the bot can do.
                assert.ok(buttons.length >= 1);
                for (const b of buttons.slice(0, -1)) assert.ok(isFor(b.intent, rolesOf(undefined)), b.intent);
                assert.deepEqual(buttons[buttons.length - 1], { verb: VERBS.nluChoose, intent: 'help', text });
                for (const b of buttons) assert.equal(b.text, text);
            } else {
                assert.doesNotMatch(all, /Did you mean|I can't answer that yet|not sure what you mean/, all);
                assert.match(all, expected.answer);
            }
        });
    }

    it('a nearest thing on the decline answers the question as that, for whoever presses it', async () => {
        const text = 'do we have capacity to review everything?';
        const { replies } = await ask(morgan, text);
        const choice = actionsOf(replies[0].attachments[0].content)[0];
        connector.reset();
        const res = await bot.post(
            cardAction(morgan, VERBS.nluChoose, choice.data, { serviceUrl: connector.url, replyToId: 'card-1' }),
        );
        assert.equal(res.status, 200);
        const answered = connector
            .activities()
            .map((r: Card) => `${r.text ?? ''}\n${cardText(r.attachments ?? [])}`)
            .join('\n');
        assert.ok(answered.length > 0, 'the chosen intent is answered');
        assert.doesNotMatch(answered, /I can't answer that yet/);
        assert.match(JSON.stringify(res.body), /You chose/);
    });

    it('a message about something else entirely gets examples of what the bot can do, not a decline card', async () => {
        const { replies } = await ask(jo, 'purple elephants dancing');
        assert.match(replies[0].text, /not sure what you mean/);
    });
});
