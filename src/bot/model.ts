/**
 * The language model, when one is configured (OpenAI or Azure OpenAI settings): a teams-ai
 * `ActionPlanner` gets the messages the embedded recogniser is unsure of. Its prompt
 * (`prompts/khg/`) names the bot's capabilities as actions, and each action runs the SAME intent
 * handler a recognised message would, for the person asking, so the same permissions apply.
 *
 * Everything the person reads comes from the store: the model only picks an action (and restates
 * the request); text the model writes itself is never sent. A plan with no action, an unknown action
 * or a failed call leaves the embedded recogniser's own answer (its clarifying question, or "not sure").
 */
import {
    ActionPlanner,
    AI,
    OpenAIModel,
    PromptManager,
    type PromptCompletionModel,
    type TurnState,
} from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import { cardAttachment } from '../cards/render.js';
import { PROMPTS_DIR } from '../paths.js';
import { identifyAsker } from './asker.js';
import type { BotApp } from './botApp.js';
import type { BotDeps } from './deps.js';
import type { IntentHandlers } from './intents.js';
import { createClarifyCard, MAX_TEXT, type Assistant } from './messages.js';

/** The prompt in `prompts/`. */
export const PROMPT = 'khg';

/** The model's actions (`prompts/khg/actions.json`) and the intent each one answers. */
export const MODEL_ACTIONS: Readonly<Record<string, string>> = {
    protocols_due: 'protocols.due',
    protocol_details: 'protocols.one',
    review_first: 'protocols.first',
    next_update: 'update.next',
    start_update: 'progress.start',
    late_groups: 'groups.late',
    digest: 'digest',
    reminder_report: 'reminders.report',
    remind_me: 'reminders.me',
    help: 'help',
};

/** The action that asks the person which of a few actions they meant. */
export const CLARIFY_ACTION = 'clarify';

/** How long a call to the model may take, and how often it is retried. */
const CLIENT = { timeoutMs: 20_000, maxRetries: 1 };

/** The OpenAI or Azure OpenAI model of the configuration; undefined when none is configured. */
export function createModel(llm: Config['llm']): PromptCompletionModel | undefined {
    if (!llm) return undefined;
    const clientOptions = { timeout: CLIENT.timeoutMs };
    return llm.kind === 'azure'
        ? new OpenAIModel({
              azureApiKey: llm.apiKey,
              azureEndpoint: llm.endpoint,
              azureDefaultDeployment: llm.deployment,
              azureApiVersion: llm.apiVersion,
              maxRetries: CLIENT.maxRetries,
              clientOptions,
              useSystemMessages: true,
          })
        : new OpenAIModel({
              apiKey: llm.apiKey,
              defaultModel: llm.model,
              maxRetries: CLIENT.maxRetries,
              clientOptions,
              useSystemMessages: true,
          });
}

/**
 * The planner over the prompt in `prompts/khg/`. The prompt lists the store's groups, documents and
 * themes by name (read at each call), so the model restates requests in the register's own words.
 */
export function createPlanner(model: PromptCompletionModel, deps: BotDeps): ActionPlanner {
    const prompts = new PromptManager({ promptsFolder: PROMPTS_DIR });
    const list = (items: string[]) => Promise.resolve(items.join('; '));
    prompts.addFunction('groups', () =>
        list(deps.store.read().groups.map((g) => [g.name, ...g.aliases.filter((a) => a !== g.name)].join(' / '))),
    );
    prompts.addFunction('documents', () =>
        list(deps.store.read().protocols.map((p) => [p.title, ...p.aliases].join(' / '))),
    );
    prompts.addFunction('themes', () => list(deps.store.read().themes.map((t) => `${t.name} (${t.code})`)));
    return new ActionPlanner<TurnState>({ model, prompts, defaultPrompt: PROMPT });
}

const ANSWERED = Symbol('answered by the model');

/**
 * Registers the model's actions on the app (which must have been created with `ai` options) and
 * returns the assistant the message route calls when the recogniser is unsure.
 */
export function registerModelActions(app: BotApp, deps: BotDeps, intents: IntentHandlers): Assistant {
    const ai = app.ai;
    for (const [action, intent] of Object.entries(MODEL_ACTIONS)) {
        ai.action<Record<string, unknown>>(action, async (context, _state, parameters) => {
            const handler = intents[intent];
            if (!handler) return AI.StopCommandName;
            const original = (context.activity.text ?? '').trim();
            const restated =
                typeof parameters?.request === 'string' ? parameters.request.trim().slice(0, MAX_TEXT) : '';
            const text = restated || original;
            const asker = await identifyAsker(context, deps);
            const recognition = await deps.recognizer.recognize(text);
            deps.log.info({ action, intent, userId: context.activity.from?.id }, 'the model chose an action');
            await handler({ context, deps, asker, text, recognition: { ...recognition, intent, score: 1 } });
            context.turnState.set(ANSWERED, true);
            return AI.StopCommandName;
        });
    }
    ai.action<Record<string, unknown>>(CLARIFY_ACTION, async (context, _state, parameters) => {
        const named = Array.isArray(parameters?.actions) ? parameters.actions : [];
        const choices = [
            ...new Set(named.map((a) => MODEL_ACTIONS[String(a)]).filter((i): i is string => Boolean(i && intents[i]))),
        ].slice(0, 3);
        if (choices.length === 0) return AI.StopCommandName;
        await context.sendActivity(
            MessageFactory.attachment(cardAttachment(createClarifyCard(choices, (context.activity.text ?? '').trim()))),
        );
        context.turnState.set(ANSWERED, true);
        return AI.StopCommandName;
    });
    // The model's own words are not grounded in the store: they are logged, never sent.
    ai.action(AI.SayCommandActionName, async (context) => {
        deps.log.info({ userId: context.activity.from?.id }, 'the model answered in words; not sent');
        return AI.StopCommandName;
    });
    ai.action(AI.UnknownActionName, async (_context, _state, _data, action) => {
        deps.log.warn({ action: String(action).slice(0, 80) }, 'the model named an action that does not exist');
        return AI.StopCommandName;
    });
    ai.action(AI.HttpErrorActionName, async (_context, _state, err) => {
        deps.log.warn({ err: (err as Error | undefined)?.message }, 'the language model could not be reached');
        return AI.StopCommandName;
    });
    return async (context: TurnContext, state: TurnState) => {
        await ai.run(context, state);
        return context.turnState.get(ANSWERED) === true;
    };
}
