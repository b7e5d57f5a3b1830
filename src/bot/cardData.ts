/**
 * Card data that arrives as a message instead of an Action.Execute invoke. `Action.Submit` (and an
 * older client's fallback) sends a message with no text and the data in `value`, flat with its `verb`
 * or under `value.action` (`{ verb, data }`): that is the button press it is, run through the very
 * routes an invoke takes, so the same permission and validation checks apply and a forged or stale
 * verb gets the same clear refusal. Some clients (Teams on iOS has been reported doing this) post the
 * card's JSON as the message's text: that is not a button press the person meant to make, so nothing
 * is saved and they get their form back with what they sent filled in.
 */
import { ActivityTypes, CardFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import type { BotApp } from './botApp.js';
import { identifyAsker } from './asker.js';
import type { BotDeps } from './deps.js';
import { formWithSentValues } from './routes/progress.js';

/** A button press as card data describes it: the verb (when the data names one) and the data. */
export interface CardPress {
    verb?: string;
    data: Record<string, unknown>;
}

/** Where card data was found in a message. */
export interface CardDataMessage {
    source: 'value' | 'text';
    press: CardPress;
}

/** Said before the form filled in with what was sent. */
export const SENT_AS_TEXT =
    'That reached me as a message, not as a button press, so nothing was saved. Here is your form with what you sent filled in: check it and press Submit (or Save draft).';

/** Said for card data that is not a form I can fill in again. */
export const NOT_A_PRESS =
    'That looks like data from one of my cards, sent as a message rather than a button press. Nothing was changed. Press the button on the card again, or ask me in your own words.';

/** The largest pasted text read as JSON (a form's texts are at most a few tens of KB). */
const MAX_PASTED = 100_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The press a card's data stands for: `{ action: { verb, data } }`, or flat with a `verb` field. */
export function cardPressOf(value: unknown): CardPress | undefined {
    if (!isObject(value)) return undefined;
    if (isObject(value.action)) {
        const { verb, data } = value.action;
        return { verb: typeof verb === 'string' ? verb : undefined, data: isObject(data) ? data : {} };
    }
    const { verb, ...data } = value;
    return { verb: typeof verb === 'string' ? verb : undefined, data };
}

/** Only data of the shape the bot's own cards send counts: a verb, or a group and period. */
const looksLikeOurs = (p: CardPress | undefined): p is CardPress =>
    p !== undefined && (p.verb !== undefined || ('groupId' in p.data && 'period' in p.data));

/** The card data in a message, if it carries any (in `value` with no text, or as JSON text). */
export function cardDataOf(activity: Partial<Activity>): CardDataMessage | undefined {
    if (activity.type !== ActivityTypes.Message) return undefined;
    const text = (activity.text ?? '').trim();
    if (!text) {
        const press = cardPressOf(activity.value);
        return looksLikeOurs(press) ? { source: 'value', press } : undefined;
    }
    if (!text.startsWith('{') || !text.endsWith('}') || text.length > MAX_PASTED) return undefined;
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return undefined;
    }
    const press = cardPressOf(parsed);
    return looksLikeOurs(press) ? { source: 'text', press } : undefined;
}

/** Answers a message carrying card data (see the module's comment). */
export async function answerCardData(
    app: BotApp,
    context: TurnContext,
    deps: BotDeps,
    found: CardDataMessage,
): Promise<void> {
    if (found.source === 'value' && found.press.verb) {
        await pressAsInvoke(app, context, found.press.verb, found.press.data);
        return;
    }
    if ('groupId' in found.press.data && 'period' in found.press.data) {
        const asker = await identifyAsker(context, deps);
        const form = await formWithSentValues(deps, asker, found.press.data, SENT_AS_TEXT);
        if (typeof form === 'string') {
            await context.sendActivity(`${form.replace(/ Nothing was (changed|saved)\.$/, '')} Nothing was saved.`);
            return;
        }
        await context.sendActivity(SENT_AS_TEXT);
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(form)));
        return;
    }
    deps.log.info({ verb: found.press.verb?.slice(0, 80), source: found.source }, 'card data sent as a message');
    await context.sendActivity(NOT_A_PRESS);
}

/**
 * Runs the press through the app as the `adaptiveCard/action` invoke it stands for, on a context that
 * shares this turn's connection, and turns the invoke's answer into messages: a card (unless the
 * routes already replaced the card pressed) or the text.
 */
async function pressAsInvoke(app: BotApp, context: TurnContext, verb: string, data: Record<string, unknown>) {
    const invoke = {
        ...context.activity,
        type: ActivityTypes.Invoke,
        name: 'adaptiveCard/action',
        text: '',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    } as Activity;
    const inner = new TurnContext(context.adapter, invoke);
    for (const [key, value] of context.turnState) inner.turnState.set(key, value);
    let answer: unknown;
    let replaced = false;
    inner.onSendActivities(async (_c, activities, next) => {
        for (let i = activities.length - 1; i >= 0; i--) {
            if (activities[i].type !== ActivityTypes.InvokeResponse) continue;
            answer = activities[i].value;
            activities.splice(i, 1);
        }
        return activities.length > 0 ? next() : [];
    });
    inner.onUpdateActivity(async (_c, activity, next) => {
        if (activity.id && activity.id === context.activity.replyToId) replaced = true;
        return next();
    });
    await app.run(inner);

    const body = (answer as { body?: { type?: string; value?: unknown; error?: unknown } } | undefined)?.body;
    if (body?.type === 'application/vnd.microsoft.card.adaptive' && isObject(body.value)) {
        if (!replaced) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(body.value)));
        return;
    }
    const text = typeof body?.value === 'string' ? body.value : typeof body?.error === 'string' ? body.error : '';
    await context.sendActivity(text || 'That button press could not be handled. Nothing was changed.');
}
