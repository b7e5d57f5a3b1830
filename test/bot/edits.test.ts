/** Edited messages (`messageUpdate` / `editMessage`) over HTTP: a corrected question is answered as a new one. */
import assert from 'node:assert/strict';
import { EDITED_MESSAGE } from '../../src/bot/app.js';
import { message, messageEdit, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const CHANNEL = { conversationType: 'channel' as const, conversationId: '19:general', teamId: '19:partnership' };

describe('an edited message', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    const sent = (conversationId: string) => connector.activities(conversationId);

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: sampleData(), clock: () => new Date('2026-12-10T18:30:00Z') });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('a chair corrects a typo in a 1:1 chat: told briefly it was edited, and the new wording is answered', async () => {
        const original = message(priya, 'whihc protcols ar du?', { serviceUrl: connector.url });
        await bot.post(original);
        const chat = original.conversation!.id;
        const before = sent(chat).length;
        assert.ok(before >= 1, 'the first wording was answered somehow');

        const res = await bot.post(messageEdit(original, 'which protocols are due for review?'));
        assert.equal(res.status, 200);
        const after = sent(chat).slice(before);
        assert.equal(after[0]?.text, EDITED_MESSAGE);
        assert.match(JSON.stringify(after[1]?.attachments), /Kent high priority rehousing reciprocal scheme/);
        assert.equal(after.length, 2);
    });

    it('the same edit delivered twice is answered once; a second edit is answered again', async () => {
        const original = message(priya, 'hello', { serviceUrl: connector.url });
        await bot.post(original);
        const chat = original.conversation!.id;
        const before = sent(chat).length;
        const edit = messageEdit(original, 'which protocols are due for review?');
        await bot.post(edit);
        await bot.post(edit);
        assert.equal(sent(chat).length - before, 2, 'one note and one answer');
        await bot.post(messageEdit(original, "what's my group's next update?"));
        assert.equal(sent(chat).length - before, 4);
    });

    it('in a channel, an edit that now @mentions the bot is answered as a new question (no note: it was not answered before)', async () => {
        const original = message(priya, 'which protocols are due for review?', {
            serviceUrl: connector.url,
            ...CHANNEL,
        });
        await bot.post(original);
        assert.equal(sent(CHANNEL.conversationId).length, 0, 'not addressed to the bot: not answered');
        await bot.post(messageEdit(original, 'which protocols are due for review?', { mentionBot: true }));
        const answers = sent(CHANNEL.conversationId);
        assert.equal(answers.length, 1);
        assert.notEqual(answers[0].text, EDITED_MESSAGE);
        assert.match(JSON.stringify(answers[0].attachments), /Kent high priority rehousing reciprocal scheme/);
    });

    it('in a channel, an edit that does not @mention the bot is left alone', async () => {
        const original = message(priya, 'see you at the meeting', { serviceUrl: connector.url, ...CHANNEL });
        await bot.post(original);
        await bot.post(messageEdit(original, 'see you at the meeting on Tuesday'));
        assert.equal(sent(CHANNEL.conversationId).length, 0);
    });
});
