/**
 * Card data that arrives as a message (Action.Submit: no text, data in `value`, flat or under
 * `value.action.data`), or pasted as the message's text, over HTTP against the real bot.
 */
import assert from 'node:assert/strict';
import { UNKNOWN_ACTION_MESSAGE } from '../../src/bot/app.js';
import { NOT_A_PRESS, SENT_AS_TEXT } from '../../src/bot/cardData.js';
import { VERBS } from '../../src/bot/verbs.js';
import { updatesOf } from '../../src/services/progress.js';
import { message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData, storeSnapshot } from '../helpers/fixtures.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const FORM = {
    groupId: 'asset-management',
    period: '2026-12',
    basedOn: 0,
    text_HW9: 'Surveyed 400 homes for overheating.',
    rag_HW9: 'amber',
};

describe('card data sent as a message', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: sampleData(), clock: () => new Date('2026-12-10T18:30:00Z') });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    /** Posts a message with no text and this value, as Action.Submit does; returns what the bot sent. */
    async function submitAsMessage(who: Sender, value: unknown, text = '') {
        connector.reset();
        const a = message(who, text, { serviceUrl: connector.url });
        a.value = value;
        a.replyToId = 'card-1';
        const res = await bot.post(a);
        assert.equal(res.status, 200);
        return connector.activities();
    }
    const versions = async () => (await updatesOf(bot.runtime.deps.store).get('asset-management/2026-12'))?.versions;

    it('a progress submission in `value`, flat with its verb, is the Submit press it is: stored, and the summary shown', async () => {
        const sent = await submitAsMessage(priya, { verb: VERBS.progressSubmit, ...FORM });
        const stored = await versions();
        assert.deepEqual(
            stored?.map((v) => [v.kind, v.sections[0].text, v.by.name]),
            [['submitted', FORM.text_HW9, 'Priya Shah']],
        );
        const shown = JSON.stringify(sent) + JSON.stringify(connector.calls.filter((c) => c.kind === 'update'));
        assert.match(shown, /Surveyed 400 homes for overheating/);
        assert.doesNotMatch(JSON.stringify(sent), /didn't catch a question/);
    });

    it('under `value.action.data` (as Action.Submit sends it), "Save draft" saves a draft', async () => {
        await submitAsMessage(priya, {
            action: { type: 'Action.Submit', verb: VERBS.progressSaveDraft, data: FORM },
        });
        assert.deepEqual(
            (await versions())?.map((v) => v.kind),
            ['draft'],
        );
    });

    it('under the same checks as the invoke: a member sending the same data is refused and nothing is stored', async () => {
        await bot.post(message(jo, 'hello', { serviceUrl: connector.url }));
        const before = storeSnapshot(bot.storeFile);
        const sent = await submitAsMessage(jo, { verb: VERBS.progressSubmit, ...FORM });
        assert.match(
            sent[0].text,
            /Only the group's chair or vice-chair .* can write its update\. Nothing was saved\./,
        );
        assert.equal(storeSnapshot(bot.storeFile), before);
    });

    it('a forged or stale verb is refused clearly, and bad data is refused by the same validation', async () => {
        await bot.post(message(priya, 'hello', { serviceUrl: connector.url }));
        const before = storeSnapshot(bot.storeFile);
        const forged = await submitAsMessage(priya, { verb: 'progress.deleteEverything', ...FORM });
        assert.equal(forged[0].text, UNKNOWN_ACTION_MESSAGE);
        const badGroup = await submitAsMessage(priya, {
            verb: VERBS.progressSubmit,
            ...FORM,
            groupId: 'no-such-group',
        });
        assert.match(badGroup[0].text, /group I do not know\. Nothing was changed/);
        const badRag = await submitAsMessage(priya, { verb: VERBS.progressSubmit, ...FORM, rag_HW9: 'purple' });
        assert.match(badRag[0].text, /must be green, amber, red or not rated\. Nothing was saved/);
        assert.equal(storeSnapshot(bot.storeFile), before);
    });

    it('the same JSON pasted as the message text: nothing saved, and the form comes back with what was sent filled in', async () => {
        for (const pasted of [
            { verb: VERBS.progressSubmit, ...FORM },
            { action: { type: 'Action.Execute', verb: VERBS.progressSubmit, data: FORM } },
            FORM,
        ]) {
            const sent = await submitAsMessage(priya, undefined, JSON.stringify(pasted));
            assert.equal(sent[0].text, SENT_AS_TEXT);
            const form = JSON.stringify(sent[1].attachments[0].content);
            assert.match(form, /"id":"text_HW9"[^}]*"value":"Surveyed 400 homes for overheating\."/);
            assert.match(form, /"id":"rag_HW9"[^}]*"value":"amber"/);
            assert.match(form, /"verb":"progress.submit"/);
            assert.equal(await versions(), undefined, 'nothing saved');
        }
    });

    it('pasted card data someone may not write is refused; data that is not a form is named for what it is', async () => {
        const refused = await submitAsMessage(jo, undefined, JSON.stringify(FORM));
        assert.match(refused[0].text, /Only the chair or vice-chair of Asset Management .*Nothing was saved\./);
        const other = await submitAsMessage(priya, undefined, JSON.stringify({ verb: VERBS.reminderSnooze }));
        assert.equal(other[0].text, NOT_A_PRESS);
        assert.equal(await versions(), undefined);
    });
});
