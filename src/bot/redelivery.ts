/**
 * Each activity answered once: Teams resends an activity (the same id) when the bot answers slowly,
 * and may deliver an invoke twice. Before any route runs, the activity is claimed in the store (see
 * `HandledActivities`); a second delivery is not answered again, and a second invoke gets the answer
 * the first one got, without its work (a second stored submission, a second reminder) being done.
 */
import { createHash } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { HandledActivities, type Claim } from '../services/handledActivities.js';
import type { BotDeps } from './deps.js';

/** The answer to a second delivery of a card action whose first is still being handled. */
export const ALREADY_HANDLING = 'That button press reached me twice; I am handling it once. Nothing was done twice.';

/** The record of activities handled, remembered for the configured window. */
export function handledActivities(deps: BotDeps): HandledActivities {
    return new HandledActivities(deps.store, deps.config.redeliveryWindowMinutes * 60_000, (what, work) => {
        deps.background.run(what, work);
    });
}

/** Activities not worth a store write: they change nothing and are not answered. */
const NOT_CLAIMED = new Set<string>([ActivityTypes.Typing]);

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * The activity's identity within its conversation, or undefined when it has none worth keeping. An
 * edit (`messageUpdate`) keeps the id of the message it edits, so the new wording is part of its key:
 * each edit is answered, a redelivered edit is not.
 */
export function activityKey(a: Partial<Activity>): string | undefined {
    const id = a.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 256 || !a.type || NOT_CLAIMED.has(a.type))
        return undefined;
    if (typeof a.conversation?.id !== 'string' || a.conversation.id.length === 0) return undefined;
    if (a.type === ActivityTypes.MessageUpdate)
        return `${a.type}:${id}:${hash(JSON.stringify([a.text ?? '', a.value ?? null]))}`;
    return `${a.type}:${id}`;
}

function stillWorking(a: Partial<Activity>) {
    return a.name === 'adaptiveCard/action'
        ? {
              status: 200,
              body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: ALREADY_HANDLING },
          }
        : { status: 200 };
}

/**
 * The `beforeTurn` check: true to handle the activity, false when it was handled before (a second
 * invoke is answered here). If the store cannot record the claim, the activity is handled anyway:
 * answering twice is better than not answering.
 */
export function answerOnce(
    deps: BotDeps,
    handled: HandledActivities,
    addressed: (context: TurnContext) => boolean,
): (context: TurnContext) => Promise<boolean> {
    return async (context) => {
        const a = context.activity;
        const key = activityKey(a);
        if (!key) return true;
        const conversationId = a.conversation.id;
        let claim: Claim;
        try {
            claim = await handled.claim(conversationId, key, deps.clock(), {
                addressed: a.type === ActivityTypes.Message && addressed(context),
            });
        } catch (err) {
            deps.log.warn({ err: (err as Error).message, activityId: a.id }, 'could not record an activity as handled');
            return true;
        }
        if (claim.first) {
            if (a.type === ActivityTypes.Invoke) keepInvokeAnswer(context, deps, handled, conversationId, key);
            return true;
        }
        deps.log.info(
            { activityType: a.type, activityId: a.id, firstAt: claim.at },
            'activity delivered again: answered once already',
        );
        if (a.type === ActivityTypes.Invoke)
            await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: claim.answer ?? stillWorking(a) });
        return false;
    };
}

/**
 * Keeps the invoke's answer with its claim once it is given. An answer that says the bot failed (5xx)
 * gives the claim up instead, so Teams' second delivery is handled afresh.
 */
function keepInvokeAnswer(
    context: TurnContext,
    deps: BotDeps,
    handled: HandledActivities,
    conversationId: string,
    key: string,
): void {
    context.onSendActivities(async (_context, activities, next) => {
        const sent = await next();
        const response = activities.find((x) => x.type === ActivityTypes.InvokeResponse);
        if (response) {
            const status = (response.value as { status?: number } | undefined)?.status ?? 200;
            try {
                await (status >= 500
                    ? handled.release(conversationId, key)
                    : handled.keepAnswer(conversationId, key, response.value, deps.clock()));
            } catch (err) {
                deps.log.warn({ err: (err as Error).message }, 'could not keep an invoke answer');
            }
        }
        return sent;
    });
}
