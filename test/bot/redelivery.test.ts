/**
 * Teams delivers an activity again (same conversation and activity id) when the bot is slow, and may
 * deliver an invoke twice: each is answered once, across a restart and across instances on one store.
 */
import assert from 'node:assert/strict';
import { VERBS } from '../../src/bot/verbs.js';
import { ALREADY_HANDLING } from '../../src/bot/redelivery.js';
import { updatesOf } from '../../src/services/progress.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { postAsTeams, startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const QUESTION = 'which protocols are due for review?';
const CHAT = `a:personal-${priya.id}`;

describe('an activity Teams delivers again', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let now: Date;
    const clock = () => now;
    const answers = () => connector.activities(CHAT);
    const cards = () => answers().filter((a) => a.attachments?.length);

    beforeEach(async () => {
        now = new Date('2026-12-10T18:30:00Z');
        connector = await new FakeConnector().start();
        bot = await startBot({ data: sampleData(), clock });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    it(`"${QUESTION}" delivered again while the bot is slow to answer gets one answer card`, async () => {
        // The first answer takes a while to reach Teams, so Teams delivers the message again.
        let first = true;
        connector.delay = (call) => (call.kind === 'reply' && first ? ((first = false), 600) : 0);
        const deliveries = await postAsTeams(bot, message(priya, QUESTION, { serviceUrl: connector.url }), 100);
        assert.equal(deliveries.length, 2, 'Teams delivered it twice');
        assert.ok(deliveries.every((d) => d.status === 200));
        assert.equal(cards().length, 1);
        assert.match(JSON.stringify(cards()[0]), /Kent high priority rehousing reciprocal scheme/);
        assert.equal(answers().length, 1);
    });

    it('posted twice with one id: one answer; the same words with a new id: answered again', async () => {
        const activity = message(priya, QUESTION, { serviceUrl: connector.url });
        await bot.post(activity);
        await bot.post(activity);
        assert.equal(cards().length, 1);
        await bot.post(message(priya, QUESTION, { serviceUrl: connector.url }));
        assert.equal(cards().length, 2, 'a new message asking the same is a new question');
    });

    it('again after a restart, and at a second instance on the same store: still one answer', async () => {
        const activity = message(priya, QUESTION, { serviceUrl: connector.url });
        await bot.post(activity);
        await bot.stop(true);
        bot = await startBot({ storeFile: bot.storeFile, clock });
        await bot.post(activity);
        assert.equal(cards().length, 1, 'not answered again after a restart');

        const other = await startBot({ storeFile: bot.storeFile, clock });
        try {
            const next = message(priya, QUESTION, { serviceUrl: connector.url });
            await Promise.all([bot.post(next), other.post(next)]);
            assert.equal(cards().length, 2, 'two instances given one delivery each: one answer');
        } finally {
            await other.stop(true);
        }
    });

    it('remembered for the window only: past it, the same id is answered again', async () => {
        const activity = message(priya, QUESTION, { serviceUrl: connector.url });
        await bot.post(activity);
        now = new Date(now.getTime() + 61 * 60_000);
        await bot.post(activity);
        assert.equal(cards().length, 2);
    });

    it('an invoke delivered twice is handled once: one stored submission, and the second gets the same card', async () => {
        const submit = cardAction(
            priya,
            VERBS.progressSubmit,
            {
                groupId: 'asset-management',
                period: '2026-12',
                basedOn: 0,
                text_HW9: 'Surveyed 400 homes.',
                rag_HW9: 'green',
            },
            { serviceUrl: connector.url, replyToId: 'card-1' },
        );
        const first = await bot.post(submit);
        const second = await bot.post(submit);
        assert.equal(first.status, 200);
        assert.equal(second.status, 200);
        const type = (b: unknown) => (b as { type: string }).type;
        assert.equal(type(first.body), 'application/vnd.microsoft.card.adaptive', JSON.stringify(first.body));
        assert.deepEqual(second.body, first.body, 'the second delivery gets the answer the first got');
        const doc = await updatesOf(bot.runtime.deps.store).get('asset-management/2026-12');
        assert.equal(doc?.versions.length, 1, 'one stored submission');
    });

    it('an invoke delivered again while the first is still being handled is told so, and nothing is done twice', async () => {
        const submit = cardAction(
            priya,
            VERBS.progressSubmit,
            {
                groupId: 'asset-management',
                period: '2026-12',
                basedOn: 0,
                text_HW9: 'Surveyed 400 homes.',
                rag_HW9: 'green',
            },
            { serviceUrl: connector.url, replyToId: 'card-1' },
        );
        // Both deliveries at once: one claims it, the other finds the claim with no answer kept yet, or the answer.
        const [a, b] = await Promise.all([bot.post(submit), bot.post(submit)]);
        const bodies = [a.body, b.body].map((x) => JSON.stringify(x));
        assert.ok(
            bodies.some((x) => x.includes('application/vnd.microsoft.card.adaptive')),
            'one delivery was answered with the card',
        );
        assert.ok(
            bodies[0] === bodies[1] || bodies.some((x) => x.includes(ALREADY_HANDLING)),
            'the other got the same card or was told it is being handled once',
        );
        const doc = await updatesOf(bot.runtime.deps.store).get('asset-management/2026-12');
        assert.equal(doc?.versions.length, 1);
    });
});
