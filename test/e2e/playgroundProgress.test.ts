/**
 * A chair's reporting cycle in the Agents Playground, through its own HTTP API and websocket: the
 * next-update answer, the form from its button, a draft, the submission replacing the card, and a
 * reminder card on request, and a form opened by asking. The same path a newcomer takes after `npm run dev -- --as priya`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { demoPerson, personalChatId, userId } from '../../scripts/lib/demoPeople.js';
import {
    PLAYGROUND_CLI,
    playgroundConfigFor,
    playgroundInstalled,
    startPlayground,
    type RunningPlayground,
} from '../../scripts/lib/playground.js';
import { updatesOf } from '../../src/services/progress.js';
import { readSeed } from '../../src/store/store.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { tempDir } from '../helpers/fixtures.js';
import { PlaygroundClient, readableText } from '../helpers/playgroundClient.js';

const priya = demoPerson('priya');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;

/** The first Action.Execute with this verb anywhere in the card. */
function findAction(node: Card, verb: string): Card {
    if (Array.isArray(node)) return node.map((n) => findAction(n, verb)).find(Boolean);
    if (node && typeof node === 'object') {
        if (node.type === 'Action.Execute' && node.verb === verb) return node;
        return Object.values(node)
            .map((n) => findAction(n, verb))
            .find(Boolean);
    }
    return undefined;
}

describe('a chair reporting progress in the Agents Playground', function () {
    this.timeout(30_000);
    let tmp: ReturnType<typeof tempDir>;
    let bot: BotUnderTest;
    let playground: RunningPlayground;
    let client: PlaygroundClient;
    const chat = personalChatId(priya);
    const me = userId(priya);

    before(async function () {
        if (!playgroundInstalled()) {
            process.stderr.write(
                `      (skipped: the Agents Playground is not installed at ${PLAYGROUND_CLI}; run npm install)\n`,
            );
            this.skip();
        }
        tmp = tempDir('khg-playground-progress-');
        bot = await startBot({
            data: readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json')),
            clock: () => new Date('2026-12-09T10:00:00Z'),
        });
        playground = await startPlayground({
            botEndpoint: `${bot.url}/api/messages`,
            configFile: playgroundConfigFor(priya, tmp.dir),
            logFile: path.join(tmp.dir, 'playground.log'),
            port: 0,
        });
        client = await new PlaygroundClient(playground.url).connect();
    });
    after(async () => {
        client?.close();
        await playground?.stop();
        await bot?.stop();
        tmp?.cleanup();
    });

    let form: Card;
    let formMessageId: string;

    it("asks for her groups' next update and opens the form from the card's button", async () => {
        await client.say(chat, me, "what's my group's next update?");
        const answer = await client.next((m) => Boolean(m.attachments?.length));
        const card: Card = answer.attachments![0].content;
        assert.match(readableText(answer), /Asset Management/);
        const button = findAction(card, 'progress.open');
        assert.ok(button, 'the answer has a button that opens the form');
        const response = await client.invoke(chat, me, 'progress.open', button.data, answer.messageId);
        // Priya chairs two groups: the card keeps both buttons and the form comes as its own message.
        assert.equal(response.type, 'application/vnd.microsoft.activity.message');
        const formMessage = await client.next((m) => JSON.stringify(m.attachments ?? []).includes('progress.submit'));
        form = formMessage.attachments![0].content;
        formMessageId = formMessage.messageId;
        assert.match(JSON.stringify(form), /Action this period or planned action/);
    });

    it('saves a draft, then submits: the card is replaced in place by the summary', async () => {
        const { groupId, period } = form.actions[0].data;
        // As the Playground's page does, the card's inputs go into the action's data: every objective's box.
        const refs = [...JSON.stringify(form).matchAll(/"id":"text_([A-Z]+\d+)"/g)].map((m) => m[1]);
        const inputs = (text: string, rag: string) =>
            Object.fromEntries(
                refs.flatMap((r) => [
                    [`text_${r}`, `${r}: ${text}`],
                    [`rag_${r}`, rag],
                ]),
            );
        const draft = await client.invoke(
            chat,
            me,
            'progress.saveDraft',
            { groupId, period, basedOn: 0, ...inputs('Stock condition survey started.', 'amber') },
            formMessageId,
        );
        assert.match(JSON.stringify(draft.value), /Draft saved by Priya Shah/);
        const submitted = await client.invoke(
            chat,
            me,
            'progress.submit',
            { groupId, period, basedOn: 1, ...inputs('Survey of 400 homes complete.', 'green') },
            formMessageId,
        );
        assert.equal(submitted.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(submitted.value));
        assert.match(JSON.stringify(submitted.value), /Submitted by Priya Shah/);
        // Everyone looking at the chat sees the card replaced by the read-only summary.
        const replaced = await client.nextUpdate((m) => m.messageId === formMessageId);
        assert.match(readableText(replaced), /Submitted by Priya Shah/);
        const doc = await updatesOf(bot.runtime.deps.store).get(`${groupId}/${period}`);
        assert.deepEqual(
            doc?.versions.map((v) => [v.kind, v.sections[0].text]),
            [
                ['draft', `${refs[0]}: Stock condition survey started.`],
                ['submitted', `${refs[0]}: Survey of 400 homes complete.`],
            ],
        );
    });

    it('"remind me about our update" shows the reminder card for the groups still open', async () => {
        await client.say(chat, me, 'remind me about our update');
        const reminder = await client.next((m) => readableText(m).includes('progress update'));
        const text = readableText(reminder);
        assert.match(text, /Kent Housing Options Group/);
        assert.doesNotMatch(text, /Asset Management: December 2026 update/, 'the submitted update needs no reminder');
        assert.match(text, /Snooze a week/);
    });

    it('asking "update KHOG\'s progress" opens the KHOG form in the chat', async () => {
        await client.say(chat, me, "update KHOG's progress");
        const answer = await client.next((m) => Boolean(m.attachments?.length));
        const card: Card = answer.attachments![0].content;
        assert.match(readableText(answer), /Kent Housing Options Group: December 2026 update/);
        assert.match(JSON.stringify(card), /"id":"otherMatters"/);
        const groups = new Set([...JSON.stringify(card).matchAll(/"groupId":"([^"]+)"/g)].map((m) => m[1]));
        assert.deepEqual([...groups], ['khog']);
        assert.ok(findAction(card, 'progress.submit'), 'the form can be submitted');
    });
});
