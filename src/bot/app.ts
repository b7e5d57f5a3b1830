/**
 * The teams-ai Application: lifecycle events, card actions and messages, each handed to a feature.
 * Transport only; the partnership's rules live in `src/domain/`.
 */
import { Application, type TeamsAdapter, type TurnState, type PromptCompletionModel } from '@microsoft/teams-ai';
import { ActivityTypes, MemoryStorage, TurnContext, type ConversationReference } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { isAppError } from '../errors.js';
import { markUninstalled, needsSaving, personalKey, teamKey, upsertConversation } from '../domain/conversations.js';
import type { ConversationRecord } from '../domain/model.js';
import { identifyAsker } from './asker.js';
import type { BotApp } from './botApp.js';
import type { BotDeps } from './deps.js';
import type { Feature } from './feature.js';
import { FEATURES } from './features.js';
import type { IntentHandlers } from './intents.js';
import { answerMessage, registerClarifyRoute } from './messages.js';
import { createModel, createPlanner, registerModelActions } from './model.js';
import { sendHelp } from './routes/help.js';
import { answerOnce, handledActivities } from './redelivery.js';
import { answerCardData, cardDataOf } from './cardData.js';

export type { BotApp } from './botApp.js';

export const UNKNOWN_ACTION_MESSAGE =
    "Sorry, I don't recognise that button: the card may be out of date. Nothing was changed. Ask me again and I'll send a fresh one.";

/** Said before answering an edit of a message the bot already answered. */
export const EDITED_MESSAGE = 'You edited your message: here is the answer to the new wording.';

export interface CreateAppOptions {
    adapter?: TeamsAdapter;
    /** The features to register (default: all of them). */
    features?: readonly Feature[];
    /** Start the "typing..." indicator on messages (off in tests). */
    startTypingTimer?: boolean;
    /**
     * The language model for messages the recogniser is unsure of. Default: the one the configuration
     * names (OpenAI or Azure OpenAI), or none. Tests pass teams-ai's `TestModel`.
     */
    model?: PromptCompletionModel;
}

export function createApp(deps: BotDeps, options: CreateAppOptions = {}): BotApp {
    const model = options.model ?? createModel(deps.config.llm);
    const app = new Application<TurnState>({
        storage: new MemoryStorage(),
        adapter: options.adapter,
        botAppId: deps.config.auth.appId ?? '',
        startTypingTimer: options.startTypingTimer ?? false,
        removeRecipientMention: true,
        // Without a model there is no AI module at all: nothing changes.
        ...(model ? { ai: { planner: createPlanner(model, deps) } } : {}),
    });
    const features = options.features ?? FEATURES;
    // A later feature's handler for the same intent wins, as features are listed in order.
    const intents = features.reduce<IntentHandlers>((all, f) => ({ ...all, ...f.intents }), {});

    // First: an activity Teams delivers again is answered once (see redelivery.ts).
    const handled = handledActivities(deps);
    app.turn('beforeTurn', answerOnce(deps, handled, shouldAnswer));
    app.turn('beforeTurn', async (context) => {
        await rememberConversation(context, deps);
        return true;
    });

    app.conversationUpdate('membersAdded', async (context) => {
        const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
        if (!botAdded) return;
        const asker = await identifyAsker(context, deps);
        await sendHelp(context, asker, deps, true);
    });

    app.conversationUpdate('membersRemoved', async (context) => {
        const botRemoved = (context.activity.membersRemoved ?? []).some((m) => m.id === context.activity.recipient.id);
        if (botRemoved) await forgetConversation(context, deps);
    });

    app.activity(ActivityTypes.InstallationUpdate, async (context) => {
        const action = context.activity.action ?? '';
        if (action.startsWith('remove')) await forgetConversation(context, deps);
    });

    // Card data sent as a message (Action.Submit, or pasted as text) before any message route reads it.
    app.addRoute(
        async (context) => cardDataOf(context.activity) !== undefined,
        async (context) => answerCardData(app, context, deps, cardDataOf(context.activity)!),
    );

    for (const feature of features) feature.register?.(app, deps);
    registerClarifyRoute(app, deps, intents);
    const assistant = model ? registerModelActions(app, deps, intents) : undefined;

    // Registered last, so it only sees verbs no feature handles: an old card or a forged invoke.
    app.adaptiveCards.actionExecute(/.*/, async (context) => {
        const raw = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
        const verb = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
        deps.log.warn({ verb: verb.slice(0, 80), userId: context.activity.from?.id }, 'unknown card action');
        return UNKNOWN_ACTION_MESSAGE;
    });

    app.activity(ActivityTypes.Message, async (context, state) => {
        if (!shouldAnswer(context)) return;
        await answerMessage(context, state, deps, intents, assistant);
    });

    // A corrected question (in a 1:1 chat, or still @mentioning the bot) is answered as a new one.
    app.messageEventUpdate('editMessage', async (context, state) => {
        if (!shouldAnswer(context)) return;
        const a = context.activity;
        a.text = TurnContext.removeRecipientMention(a) ?? a.text;
        const original = await handled.seen(a.conversation.id, `${ActivityTypes.Message}:${a.id}`, deps.clock());
        if (original?.addressed) await context.sendActivity(EDITED_MESSAGE);
        await answerMessage(context, state, deps, intents, assistant);
    });

    app.error(async (context, error) => {
        const ref = randomUUID().slice(0, 8);
        const a = context.activity;
        const where = {
            ref,
            activityType: a.type,
            activityName: a.name,
            conversationId: a.conversation?.id,
            userId: a.from?.id,
        };
        // A refusal that escaped its handler is an answer for the person, not a fault of the bot.
        if (isAppError(error)) deps.log.info({ ...where, code: error.code }, 'turn refused');
        else
            deps.log.error(
                {
                    ...where,
                    err: { message: error.message, code: (error as { code?: string }).code, stack: error.stack },
                },
                'turn failed',
            );
        const message = isAppError(error)
            ? error.message
            : `Sorry, something went wrong on my side while handling that. Nothing you had already saved is lost. ` +
              `Please try again in a minute; if it keeps happening, tell the partnership manager and quote reference ${ref}.`;
        try {
            if (a.type === ActivityTypes.Invoke && isAppError(error) && a.name === 'adaptiveCard/action') {
                // A card button's refusal is the card's own message answer, as a handler returning it would give.
                await context.sendActivity({
                    type: ActivityTypes.InvokeResponse,
                    value: {
                        status: 200,
                        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message },
                    },
                });
            } else if (a.type === ActivityTypes.Invoke) {
                await context.sendActivity({
                    type: ActivityTypes.InvokeResponse,
                    value: { status: isAppError(error) ? 400 : 500, body: { error: message } },
                });
            } else {
                await context.sendActivity(message);
            }
        } catch {
            // The connector itself may be what failed; the log line above is all we can do.
        }
    });

    return app;
}

/** In channels and group chats the bot answers only when it is @mentioned. */
function shouldAnswer(context: TurnContext): boolean {
    const type = context.activity.conversation?.conversationType;
    if (!type || type === 'personal') return true;
    const botId = context.activity.recipient?.id;
    return (context.activity.entities ?? []).some(
        (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
    );
}

const sane = (s: unknown, max = 256): s is string =>
    typeof s === 'string' &&
    s.length > 0 &&
    s.length <= max &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a sane id must not hold
    !/[\u0000-\u001f]/.test(s);

function saneServiceUrl(u: unknown): boolean {
    if (!sane(u, 512)) return false;
    try {
        return ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {
        return false;
    }
}

function recordFor(context: TurnContext, at: string): ConversationRecord | undefined {
    const a = context.activity;
    // Only well-formed references are remembered: nothing odd from a malformed activity is stored.
    if (
        !saneServiceUrl(a.serviceUrl) ||
        !sane(a.conversation?.id, 512) ||
        !sane(a.from?.id) ||
        (a.from.aadObjectId !== undefined && !sane(a.from.aadObjectId, 64))
    ) {
        return undefined;
    }
    const reference = TurnContext.getConversationReference(a) as ConversationReference;
    const type = a.conversation?.conversationType ?? 'personal';
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } })?.tenant?.id;
    if (type === 'personal') {
        if (!a.from?.id) return undefined;
        return {
            key: personalKey(a.from.id),
            scope: 'personal',
            aadObjectId: a.from.aadObjectId,
            userId: a.from.id,
            tenantId,
            reference: reference as unknown as Record<string, unknown>,
            installed: true,
            updatedAt: at,
        };
    }
    const teamId = (a.channelData as { team?: { id?: string } })?.team?.id;
    if (type === 'channel' && teamId) {
        return {
            key: teamKey(teamId),
            scope: 'team',
            teamId,
            tenantId,
            reference: reference as unknown as Record<string, unknown>,
            installed: true,
            updatedAt: at,
        };
    }
    if (type === 'groupChat' && a.conversation?.id) {
        return {
            key: `chat:${a.conversation.id}`,
            scope: 'groupChat',
            tenantId,
            reference: reference as unknown as Record<string, unknown>,
            installed: true,
            updatedAt: at,
        };
    }
    return undefined;
}

/** Saves the conversation reference on install and first contact (and when it changes). */
async function rememberConversation(context: TurnContext, deps: BotDeps): Promise<void> {
    const a = context.activity;
    if (a.type === ActivityTypes.InstallationUpdate && (a.action ?? '').startsWith('remove')) return;
    if (a.type === ActivityTypes.ConversationUpdate && (a.membersRemoved ?? []).some((m) => m.id === a.recipient?.id))
        return;
    const record = recordFor(context, deps.clock().toISOString());
    if (!record) return;
    const existing = deps.store.read().conversations.find((c) => c.key === record.key);
    if (!needsSaving(existing, record)) return;
    await deps.store.transact((d) => upsertConversation(d.conversations, record));
}

async function forgetConversation(context: TurnContext, deps: BotDeps): Promise<void> {
    const record = recordFor(context, deps.clock().toISOString());
    if (!record) return;
    await deps.store.transact((d) => markUninstalled(d.conversations, record.key, record.updatedAt));
}
