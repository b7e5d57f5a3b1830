/**
 * The bot's words fit the person and the place, over HTTP with the seed data: a greeting names one
 * person only in a one-to-one chat, help and "not sure" speak to each role, and small talk is
 * answered in kind.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { readSeed } from '../../src/store/store.js';
import { botInstalled, cardAction, message, type ActivityOptions, type Sender } from '../helpers/activities.js';
import { VERBS } from '../../src/bot/verbs.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardActions, cardText } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const tom: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair };
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const pat: Sender = { id: '29:pat', name: 'Pat Visitor', aadObjectId: '99999999-9999-4999-8999-999999999999' };

describe('words for the person and the place', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({
            data: readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json')),
            clock: () => new Date('2026-11-30T10:00:00Z'),
        });
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    /** Everything the bot said in answer, text and cards, as one string. */
    async function answer(activity: ReturnType<typeof message>): Promise<string> {
        connector.reset();
        const res = await bot.post(activity);
        assert.equal(res.status, 200);
        const replies = connector.activities();
        assert.ok(replies.length > 0, 'an answer');
        return replies.map((r) => `${r.text ?? ''}\n${cardText(r.attachments ?? [])}`).join('\n');
    }
    const say = (who: Sender, text: string, o: ActivityOptions & { mentionBot?: boolean } = {}) =>
        answer(message(who, text, { serviceUrl: connector.url, ...o }));

    describe('greetings', () => {
        it('added to a group chat, the bot greets everyone and names no one, not even who added it', async () => {
            const group = { conversationType: 'groupChat' as const, conversationId: '19:chat@thread.v2' };
            const text = await answer(botInstalled(priya, { serviceUrl: connector.url, ...group }));
            assert.match(text, /Hello everyone/);
            assert.doesNotMatch(text, /Priya|Shah|chair|Asset Management|Kent Housing Options Group/);
            assert.match(text, /Which protocols are due for review\?/);
        });

        it('added to a team channel, the same', async () => {
            const channel = {
                conversationType: 'channel' as const,
                conversationId: '19:general@thread.tacv2',
                teamId: '19:general@thread.tacv2',
            };
            const text = await answer(botInstalled(morgan, { serviceUrl: connector.url, ...channel }));
            assert.match(text, /Hello everyone/);
            assert.doesNotMatch(text, /Morgan|partnership manager: you/);
        });

        it('asked for help in a group chat, it answers for everyone there, naming no one', async () => {
            const text = await say(jo, 'help', {
                conversationType: 'groupChat',
                conversationId: '19:chat@thread.v2',
                mentionBot: true,
            });
            assert.doesNotMatch(text, /Jo|member of|Asset Management/);
            assert.match(text, /Here is what I can do here/);
        });

        it('in a one-to-one chat, it greets the person by name with their roles', async () => {
            const text = await answer(botInstalled(priya, { serviceUrl: connector.url }));
            assert.match(text, /Hello Priya/);
            assert.match(text, /You are chair of Asset Management and chair of Kent Housing Options Group\./);
        });
    });

    describe('help by role', () => {
        it('a member is "a member of" their group', async () => {
            const text = await say(jo, 'help');
            assert.match(text, /You are a member of Asset Management\./);
            assert.doesNotMatch(text, /You are member of/);
        });

        it('a chair is offered their own group’s update', async () => {
            const text = await say(tom, 'help');
            assert.match(text, /You are chair of Private Sector Housing\./);
            assert.match(text, /See your group's next progress update/);
        });

        it('the manager is offered any group’s update, never “your group’s”', async () => {
            const text = await say(morgan, 'help');
            assert.match(text, /You are the partnership manager/);
            assert.match(text, /See any group's next progress update/);
            assert.match(text, /Write or continue any group's progress update/);
            assert.doesNotMatch(text, /your group's/i);
        });

        it('someone on no roster is told what they can ask and how to be added, and nothing about “my group”', async () => {
            const text = await say(pat, 'help');
            assert.match(text, /not on any group's roster yet/);
            assert.match(text, /To be added, ask the partnership manager, Morgan Ellis \(morgan\.ellis@example\.com\)/);
            assert.doesNotMatch(text, /my group|your group/i);
        });

        it('someone on no roster asking about "our" update, reminder or group is told how to be added, never to ask about "my group"', async () => {
            for (const q of [
                'remind me about our update',
                "update my group's progress",
                "what's my group's next update?",
            ]) {
                const text = await say(pat, q);
                assert.match(
                    text,
                    /you are not on the partnership's roster yet\. Please ask the partnership manager, Morgan Ellis/,
                    q,
                );
                assert.doesNotMatch(text, /what's my group's next update/i, q);
            }
        });
    });

    describe('"not sure" by role', () => {
        const gibberish = 'zxqv plorp wibble';

        it('someone on no roster is pointed to what anyone can ask, not to “my group”', async () => {
            const text = await say(pat, gibberish);
            assert.match(text, /not sure what you mean/);
            assert.doesNotMatch(text, /my group/i);
            assert.match(text, /how to be added/);
        });

        it('the manager is pointed to the manager’s questions', async () => {
            const text = await say(morgan, gibberish);
            assert.match(text, /which groups are late\?/);
            assert.doesNotMatch(text, /my group/i);
        });

        it('a chair is pointed to their group’s update', async () => {
            assert.match(await say(tom, gibberish), /what's my group's next update\?/);
        });
    });

    describe('small talk', () => {
        for (const [text, expected] of [
            ['thanks!', /You're welcome/],
            ['Thank you very much', /You're welcome/],
            ['cheers bot', /You're welcome/],
            ['ok', /I am here when you need me/],
            ['OK :)', /I am here when you need me/],
            ['great', /I am here when you need me/],
            ['bye', /Goodbye/],
            ['see you', /Goodbye/],
        ] as const) {
            it(`"${text}" is answered in kind`, async () => {
                const reply = await say(jo, text);
                assert.match(reply, expected);
                assert.doesNotMatch(reply, /not sure what you mean|Did you mean/);
            });
        }

        it('a question that starts with thanks is still a question', async () => {
            const reply = await say(jo, 'thanks, and which protocols are due for review?');
            assert.match(reply, /due for review/);
            assert.doesNotMatch(reply, /You're welcome/);
        });
    });

    describe("a document's card for the manager", () => {
        async function cardFor(who: Sender, text: string) {
            connector.reset();
            await bot.post(message(who, text, { serviceUrl: connector.url }));
            return connector.activities()[0].attachments[0].content;
        }

        it('a document under review offers no "Start a review", and says no state in colour', async () => {
            const card = await cardFor(morgan, 'tell me about the young persons protocol');
            const titles = cardActions(card).map((a) => a.title);
            assert.ok(titles.includes('Mark reviewed'), titles.join(', '));
            assert.ok(!titles.includes('Start a review'), titles.join(', '));
            assert.doesNotMatch(JSON.stringify(card), /"color"/);
        });

        it('a current document offers "Start a review"', async () => {
            const card = await cardFor(morgan, 'tell me about the KRS');
            assert.ok(cardActions(card).some((a) => a.title === 'Start a review'));
        });

        it('its history speaks of papers and people, never of "seed"', async () => {
            for (const q of ['tell me about the KRS', 'tell me about the young persons protocol'])
                assert.doesNotMatch(cardText(await cardFor(morgan, q)), /\bseed\b/i);
        });

        /** A change form pressed by the manager, then its confirmation card's Confirm; the applied card. */
        const confirmed = async (verb: string, data: Record<string, unknown>) => {
            const preview = await bot.post(cardAction(morgan, verb, data, { serviceUrl: connector.url }));
            const confirm = cardActions((preview.body as { value: unknown }).value).find(
                (a) => a.verb === VERBS.manageConfirm,
            );
            assert.ok(confirm, JSON.stringify(preview.body).slice(0, 300));
            const res = await bot.post(
                cardAction(morgan, VERBS.manageConfirm, confirm.data, { serviceUrl: connector.url }),
            );
            assert.equal(res.status, 200);
            return (res.body as { value: unknown }).value;
        };

        it('marking it reviewed clears the old note about the review under way; "Current" is said without colour', async () => {
            const before = cardText(await cardFor(morgan, 'tell me about the young persons protocol'));
            assert.match(before, /A protocol between the Kent local housing authorities and KCC/);
            await confirmed(VERBS.registerMarkReviewed, { id: 'young-persons-protocol', reviewedOn: '2026-11-30' });
            const card = await cardFor(morgan, 'tell me about the young persons protocol');
            const text = cardText(card);
            assert.match(text, /Current/);
            assert.doesNotMatch(text, /A protocol between the Kent local housing authorities and KCC\.?\n/);
            assert.doesNotMatch(JSON.stringify(card), /"color"/);
            assert.ok(
                cardActions(card).some((a) => a.title === 'Start a review'),
                'reviewed, it can be reviewed again',
            );
        });

        it('a review note given when marking it reviewed is kept in its history', async () => {
            await confirmed(VERBS.registerMarkReviewed, {
                id: 'reciprocal-scheme',
                reviewedOn: '2026-11-30',
                reviewNote: 'Reviewed at KHOG, no changes needed.',
            });
            assert.match(
                cardText(await cardFor(morgan, 'tell me about the KRS')),
                /Reviewed at KHOG, no changes needed\./,
            );
        });
    });
});
