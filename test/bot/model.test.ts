/**
 * The language model path, with teams-ai's `TestModel` standing in for OpenAI (never a live service):
 * it gets only what the embedded recogniser is unsure of, answers through the bot's own actions under
 * the asker's permissions, and nothing it writes itself reaches the person.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { ActionPlanner, OpenAIModel, TestModel, type PromptTemplate } from '@microsoft/teams-ai';

/** What a model answers (teams-ai does not export the type from its root). */
type PromptResponse<T> = Awaited<ReturnType<TestModel['completePrompt']>> & { message?: { content?: T } };
import type { StoreData } from '../../src/domain/model.js';
import { readSeed } from '../../src/store/store.js';
import { isFor, rolesOf } from '../../src/domain/help.js';
import { findPerson } from '../../src/domain/people.js';
import { understand } from '../../src/nlu/understanding.js';
import { NOT_SURE_MANAGER } from '../../src/bot/messages.js';
import { CLARIFY_ACTION, MODEL_ACTIONS, PROMPT } from '../../src/bot/model.js';
import { NOT_FOR_YOU } from '../../src/bot/routes/digest.js';
import { PROMPTS_DIR } from '../../src/paths.js';
import { silentLogger } from '../../src/log.js';
import { message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { cardText, cardActions } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo };
const clock = () => new Date('2026-11-23T10:00:00Z');
const seed = (): StoreData => readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));
const OPENAI = { OPENAI_API_KEY: 'sk-test-not-a-real-key' };

/** A message the embedded recogniser does not understand on the seed data. */
const UNSURE = 'the homechoice stuff, is any of it whiffy?';

/** The model's answer: a call of one of the bot's actions, as OpenAI's tool calls arrive. */
function callsAction(name: string, args: Record<string, unknown>): PromptResponse<string> {
    return {
        status: 'success',
        message: {
            role: 'assistant',
            content: undefined,
            action_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }],
        },
    };
}

interface Seen {
    prompt: string;
    actions: string[];
}

/** A TestModel that records what it was shown and answers with `respond`. */
function model(respond: () => PromptResponse<string>, seen: Seen[]): TestModel {
    return TestModel.createTestModel(
        async (_model, context, memory, functions, tokenizer, template: PromptTemplate) => {
            const rendered = await template.prompt.renderAsMessages(context, memory, functions, tokenizer, 4000);
            seen.push({
                prompt: rendered.output
                    .map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}`)
                    .join('\n'),
                actions: (template.actions ?? []).map((a) => a.name),
            });
            return respond();
        },
    );
}

describe('the language model, when configured', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest | undefined;

    beforeEach(async () => {
        connector = await new FakeConnector().start();
    });
    afterEach(async () => {
        sinon.restore();
        await bot?.stop();
        bot = undefined;
        await connector.stop();
    });

    async function ask(who: Sender, text: string) {
        connector.reset();
        const res = await bot!.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        return connector.activities();
    }

    it('the prompt declares exactly the actions the bot registers', () => {
        const declared = (
            JSON.parse(fs.readFileSync(path.join(PROMPTS_DIR, PROMPT, 'actions.json'), 'utf8')) as { name: string }[]
        ).map((a) => a.name);
        assert.deepEqual(declared.sort(), [...Object.keys(MODEL_ACTIONS), CLARIFY_ACTION].sort());
        const config = JSON.parse(fs.readFileSync(path.join(PROMPTS_DIR, PROMPT, 'config.json'), 'utf8'));
        assert.equal(config.augmentation.augmentation_type, 'tools');
        assert.equal(config.completion.include_history, false);
    });

    it('without model settings there is no AI module, and an unsure message gets the recogniser’s own answer', async () => {
        bot = await startBot({ data: seed(), clock });
        assert.equal(bot.runtime.deps.config.llm, undefined);
        assert.throws(() => bot!.runtime.app.ai, /no AI options were configured/);
        const [reply] = await ask(morgan, UNSURE);
        assert.equal(reply.text, NOT_SURE_MANAGER);
    });

    it('with OpenAI or Azure OpenAI settings, builds the planner over an OpenAI model (and calls nothing at start)', async () => {
        bot = await startBot({ data: seed(), clock, env: OPENAI });
        assert.ok(bot.runtime.app.ai.planner instanceof ActionPlanner);
        assert.ok((bot.runtime.app.ai.planner as ActionPlanner).model instanceof OpenAIModel);
        await bot.stop();
        bot = await startBot({
            data: seed(),
            clock,
            env: {
                AZURE_OPENAI_API_KEY: 'not-a-real-key',
                AZURE_OPENAI_ENDPOINT: 'https://khg.openai.azure.example',
                AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini',
            },
        });
        const planner = bot.runtime.app.ai.planner;
        assert.ok(planner instanceof ActionPlanner);
        const azure = planner.model;
        assert.ok(azure instanceof OpenAIModel);
        assert.equal((azure.options as { azureApiVersion?: string }).azureApiVersion, '2024-06-01');
    });

    it('a message the recogniser is sure of never reaches the model', async () => {
        const seen: Seen[] = [];
        bot = await startBot({ data: seed(), clock, env: OPENAI, model: model(() => callsAction('digest', {}), seen) });
        const [reply] = await ask(morgan, 'which protocols are due for review?');
        assert.match(cardText(reply.attachments[0].content), /Protocols and guides: where each review stands/);
        assert.equal(seen.length, 0);
    });

    it('an unsure message goes to the model, which sees the store’s names, and its action answers from the store', async () => {
        const seen: Seen[] = [];
        bot = await startBot({
            data: seed(),
            clock,
            env: OPENAI,
            model: model(
                () => callsAction('protocols_due', { request: "which of Homechoice's protocols are due for review?" }),
                seen,
            ),
        });
        const data = bot.runtime.deps.store.read();
        const r = await bot.runtime.deps.recognizer.recognize(UNSURE);
        assert.notEqual(
            understand(r, (i) => isFor(i, rolesOf(findPerson(data, { aadObjectId: IDS.manager })))).kind,
            'intent',
            'the recogniser must be unsure of it',
        );

        const replies = await ask(morgan, UNSURE);
        assert.equal(seen.length, 1);
        assert.match(seen[0].prompt, /Kent Housing Options Group \/ KHOG/);
        assert.match(seen[0].prompt, /Kent high priority rehousing reciprocal scheme \/ KRS/);
        assert.match(seen[0].prompt, new RegExp(`user: ${UNSURE.replace(/[?,]/g, '.')}`));
        assert.deepEqual(seen[0].actions.sort(), [...Object.keys(MODEL_ACTIONS), CLARIFY_ACTION].sort());
        assert.equal(replies.length, 1);
        const text = cardText(replies[0].attachments[0].content);
        assert.match(text, /Homechoice.*protocols: where each review stands/);
    });

    it('the model’s actions run under the asker’s permissions: a chair it sends to the digest gets the refusal', async () => {
        bot = await startBot({
            data: seed(),
            clock,
            env: OPENAI,
            model: model(() => callsAction('digest', { request: 'digest for September 2026' }), []),
        });
        const [reply] = await ask(priya, UNSURE);
        assert.equal(reply.text, NOT_FOR_YOU);
    });

    it('words the model writes itself are never sent: the person gets the recogniser’s own answer', async () => {
        const invented = 'The Homechoice allocations policy was last reviewed in March 1999.';
        bot = await startBot({
            data: seed(),
            clock,
            env: OPENAI,
            model: model(() => ({ status: 'success', message: { role: 'assistant', content: invented } }), []),
        });
        const replies = await ask(morgan, UNSURE);
        assert.deepEqual(
            replies.map((r) => r.text),
            [NOT_SURE_MANAGER],
        );
        assert.ok(!JSON.stringify(replies).includes('1999'));
    });

    it('when the model cannot be reached, the person gets the recogniser’s answer and the failure is logged', async () => {
        const log = silentLogger;
        const warn = sinon.spy(log, 'warn');
        bot = await startBot({
            data: seed(),
            clock,
            env: OPENAI,
            log,
            model: TestModel.returnError(new Error('connect ECONNREFUSED')),
        });
        const [reply] = await ask(morgan, UNSURE);
        assert.equal(reply.text, NOT_SURE_MANAGER);
        assert.ok(warn.getCalls().some((c) => JSON.stringify(c.args).includes('ECONNREFUSED')));
    });

    it('the model can ask which of a few things was meant, with the same buttons as the recogniser', async () => {
        bot = await startBot({
            data: seed(),
            clock,
            env: OPENAI,
            model: model(
                () => callsAction('clarify', { actions: ['next_update', 'start_update', 'no_such_action'] }),
                [],
            ),
        });
        const [reply] = await ask(priya, UNSURE);
        const card = reply.attachments[0].content;
        assert.equal(card.body[0].text, "Did you mean your group's next update, or writing your group's update?");
        assert.deepEqual(
            cardActions(card).map((a: { data: { intent: string } }) => a.data.intent),
            ['update.next', 'progress.start', 'help'],
        );
    });

    it('an action the model invents is ignored, and the person gets the recogniser’s answer', async () => {
        bot = await startBot({
            data: seed(),
            clock,
            env: OPENAI,
            model: model(() => callsAction('delete_the_register', {}), []),
        });
        await ask(morgan, 'hello'); // first contact saves the conversation
        const before = fs.readFileSync(bot.storeFile, 'utf8');
        const [reply] = await ask(morgan, UNSURE);
        assert.equal(reply.text, NOT_SURE_MANAGER);
        assert.equal(fs.readFileSync(bot.storeFile, 'utf8'), before);
    });
});
