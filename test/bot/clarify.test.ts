/**
 * When the bot is unsure it asks, with buttons, and a button answers the question as the meaning
 * chosen, for the person who pressed it (in a channel too, where a button needs no @mention).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreData } from '../../src/domain/model.js';
import { readSeed } from '../../src/store/store.js';
import { NOT_FOR_YOU } from '../../src/bot/routes/digest.js';
import { createClarifyCard, MAX_TEXT, STALE_CHOICE } from '../../src/bot/messages.js';
import { VERBS } from '../../src/bot/verbs.js';
import { cardAction, message, type ActivityOptions, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardText, cardActions } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const clock = () => new Date('2026-11-23T10:00:00Z');
const seed = (): StoreData => readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;
interface InvokeBody {
    statusCode: number;
    type: string;
    value: unknown;
}

describe('the clarifying question', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: seed(), clock });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    async function ask(who: Sender, text: string, o: ActivityOptions & { mentionBot?: boolean } = {}): Promise<Card> {
        connector.reset();
        const res = await bot.post(message(who, text, { serviceUrl: connector.url, ...o }));
        assert.equal(res.status, 200);
        const [reply] = connector.activities();
        assert.ok(reply, `no reply to "${text}"`);
        return reply;
    }
    async function press(who: Sender, data: Record<string, unknown>, o: ActivityOptions = {}): Promise<InvokeBody> {
        connector.reset();
        const res = await bot.post(
            cardAction(who, VERBS.nluChoose, data, { serviceUrl: connector.url, replyToId: 'card-1', ...o }),
        );
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    }
    const buttons = (card: Card) =>
        cardActions(card).map((a: Card) => ({ type: a.type, verb: a.verb, title: a.title, data: a.data }));

    it('asks "did you mean" with a button per meaning, each carrying the question back', async () => {
        const reply = await ask(morgan, 'anyone overdue?');
        const card = reply.attachments?.[0]?.content;
        assert.ok(card, `expected a card, got: ${reply.text}`);
        assert.equal(card.body[0].text, 'Did you mean which groups are late, or the protocols due for review?');
        assert.deepEqual(buttons(card), [
            {
                type: 'Action.Execute',
                verb: VERBS.nluChoose,
                title: 'Which groups are late',
                data: { intent: 'groups.late', text: 'anyone overdue?' },
            },
            {
                type: 'Action.Execute',
                verb: VERBS.nluChoose,
                title: 'The protocols due for review',
                data: { intent: 'protocols.due', text: 'anyone overdue?' },
            },
            {
                type: 'Action.Execute',
                verb: VERBS.nluChoose,
                title: 'Something else',
                data: { intent: 'help', text: 'anyone overdue?' },
            },
        ]);
    });

    it('a button answers the question as the meaning chosen, and the card keeps the choice without its buttons', async () => {
        const body = await press(morgan, { intent: 'protocols.due', text: 'anyone overdue?' });
        assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
        const resolved = body.value as Card;
        assert.match(cardText(resolved), /You chose: The protocols due for review/);
        assert.equal(cardActions(resolved).length, 0);
        const [answer] = connector.activities();
        // The question read as a due-list question: "overdue" keeps its meaning (overdue only).
        assert.match(cardText(answer.attachments[0].content), /Protocols and guides: review date passed/);
    });

    it("shows the message back as typed, never as markdown: a link typed in it is not a link on the bot's card", async () => {
        const typed = 'overdue? [click here](https://evil.example/login) **URGENT**';
        const resolved = (await press(morgan, { intent: 'protocols.due', text: typed })).value as Card;
        const blocks = JSON.stringify(resolved.body);
        // Only a TextRun carries it, and TextRuns are never read as markdown.
        const runs = resolved.body.filter((b: Card) => b.type === 'RichTextBlock').flatMap((b: Card) => b.inlines);
        assert.deepEqual(
            runs.map((r: Card) => [r.type, r.text]),
            [['TextRun', `“${typed}”`]],
        );
        const textBlocks = resolved.body.filter((b: Card) => b.type === 'TextBlock').map((b: Card) => b.text as string);
        assert.ok(
            textBlocks.every((t: string) => !t.includes('evil.example')),
            blocks,
        );
    });

    it('"something else" shows what the bot can do', async () => {
        await press(morgan, { intent: 'help', text: 'anyone overdue?' });
        assert.match(cardText(connector.activities()[0].attachments[0].content), /what I can do/);
    });

    it('leans away from what is not for the asker: the manager gets reminder delivery, a chair is asked about her own reminder only', async () => {
        const forManager = await ask(morgan, 'reminders');
        assert.doesNotMatch(cardText(forManager.attachments[0].content), /Did you mean/);
        const forChair = (await ask(priya, 'reminders')).attachments[0].content;
        assert.equal(forChair.body[0].text, 'Did you mean a reminder about your update?');
    });

    it('a button runs under the permissions of whoever presses it', async () => {
        await press(priya, { intent: 'digest', text: 'digest for the board' });
        assert.equal(connector.activities()[0].text, NOT_FOR_YOU);
    });

    it('in a channel, the question is asked when mentioned, and a button needs no mention', async () => {
        const channel = {
            conversationType: 'channel' as const,
            conversationId: '19:general@thread.tacv2',
            teamId: '19:team',
        };
        const reply = await ask(morgan, 'anyone overdue?', { ...channel, mentionBot: true });
        assert.match(cardText(reply.attachments[0].content), /Did you mean/);
        const body = await press(morgan, { intent: 'groups.late', text: 'anyone overdue?' }, channel);
        assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
        const [answer] = connector.activities('19:general@thread.tacv2');
        assert.ok(answer, 'the answer is posted in the channel');
        assert.match(answer.text ?? cardText(answer.attachments?.[0]?.content), /late/i);
    });

    it('carries the question back exactly as typed, template-like text included, and no longer than it reads', () => {
        const typed = '${$root.question} "quoted" \\ {{7*7}} </at>';
        const card = createClarifyCard(['protocols.due', 'update.next'], typed);
        assert.deepEqual(
            cardActions(card).map((a) => a.data.text),
            [typed, typed, typed],
        );
        const long = createClarifyCard(['help'], 'x'.repeat(5000));
        assert.equal(cardActions(long)[0].data.text.length, MAX_TEXT);
    });

    it('a forged or stale choice is refused clearly and changes nothing', async () => {
        await press(morgan, { intent: 'help', text: 'hi' }); // first contact saves the conversation
        const before = fs.readFileSync(bot.storeFile, 'utf8');
        for (const data of [
            { intent: 'register.deleteEverything', text: 'x' },
            { intent: 'digest' },
            { intent: 'digest', text: '   ' },
            {},
            { intent: ['digest'], text: 1 },
        ]) {
            const body = await press(morgan, data);
            assert.deepEqual(
                [body.type, body.value],
                ['application/vnd.microsoft.activity.message', STALE_CHOICE],
                JSON.stringify(data),
            );
            assert.equal(connector.activities().length, 0, 'nothing is answered');
        }
        assert.equal(fs.readFileSync(bot.storeFile, 'utf8'), before);
    });
});
