/**
 * What the bot does with a message: recognise it, then answer the intent, ask which of a few was
 * meant ("Did you mean the protocols due for review, or your group's next update?"), or say honestly
 * that it cannot answer that yet, with the nearest things it can do as buttons (or, when nothing it
 * does is near, examples of what it can). When a language model is configured it gets the messages the recogniser is unsure of first.
 *
 * The buttons of the clarifying card are Action.Execute: they reach the bot from a channel without an
 * @mention, and the person who presses one is answered as themselves, with their own permissions.
 */
import { SMALL_TALK_REPLIES, smallTalk } from '../domain/smallTalk.js';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { INTENT_LABELS, isFor, rolesOf } from '../domain/help.js';
import { understand } from '../nlu/understanding.js';
import type { Recognition } from '../nlu/recognizer.js';
import { cardAttachment, renderCard, type AdaptiveCardJson } from '../cards/render.js';
import { identifyAsker, type Asker } from './asker.js';
import type { BotApp } from './botApp.js';
import type { BotDeps } from './deps.js';
import type { IntentHandlers } from './intents.js';
import { VERBS } from './verbs.js';

export const NOT_SURE =
    "Sorry, I'm not sure what you mean. You can ask me things like **which protocols are due for review?** " +
    "or **what's my group's next update?**, or type **help** to see everything I can do.";

/** The decline's first line: the question is understood well enough to know it is not one the bot answers. */
export const CANT_ANSWER_YET = "I can't answer that yet.";

/** Under the decline: what the bot does know, so the person sees why. */
export const CANT_ANSWER_NOTE =
    'I know the protocol register (what is due, who owns each document, what to review first), the groups’ ' +
    'progress updates and the reminders, and only what is recorded there. The nearest things I can do:';

/** The same for the partnership manager, whose questions are about every group. */
export const NOT_SURE_MANAGER =
    "Sorry, I'm not sure what you mean. You can ask me things like **which groups are late?**, **digest** " +
    'or **which protocols are due for review?**, or type **help** to see everything I can do.';

/** The same for someone on no roster: only what they can ask, and how to be added. */
export const NOT_SURE_GUEST =
    "Sorry, I'm not sure what you mean. You can ask me things like **which protocols are due for review?** " +
    'or **tell me about the KRS**, or type **help** to see everything I can do and how to be added to a group.';

/** "Not sure" in words that fit the asker's role. */
export function notSure(asker: Asker): string {
    if (!asker.person) return NOT_SURE_GUEST;
    return asker.person.isManager ? NOT_SURE_MANAGER : NOT_SURE;
}

export const STALE_CHOICE =
    'That choice is from a card I can no longer read. Nothing was changed. Ask me again in your own words.';

/** The longest message a clarifying card carries back (a Teams message can be far longer than any question). */
export const MAX_TEXT = 1000;

/** The "something else" button: what the bot can do. */
const SOMETHING_ELSE = 'help';
/** The help button's title on a decline. */
const EVERYTHING = 'Everything I can do';

/** Answers a message the embedded recogniser was unsure of; true when it did. */
export type Assistant = (context: TurnContext, state: TurnState) => Promise<boolean>;

/** How an intent is named to people: "the protocols due for review"; as a button title, capitalised. */
const labelOf = (intent: string) => INTENT_LABELS[intent] ?? intent;
const titleOf = (intent: string) => labelOf(intent).replace(/^./, (c) => c.toUpperCase());

/** "Did you mean A, or B?", "Did you mean A, B or C?", "Did you mean A?" */
export function clarifyingQuestion(intents: readonly string[]): string {
    const labels = intents.map(labelOf);
    if (labels.length === 1) return `Did you mean ${labels[0]}?`;
    if (labels.length === 2) return `Did you mean ${labels[0]}, or ${labels[1]}?`;
    return `Did you mean ${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}?`;
}

/** The clarifying card: a button per intent, and one for something else. */
export function createClarifyCard(intents: readonly string[], text: string): AdaptiveCardJson {
    const offered = intents.filter((i) => i !== SOMETHING_ELSE);
    return renderCard('clarify', {
        question: clarifyingQuestion(offered.length ? offered : [SOMETHING_ELSE]),
        text: text.slice(0, MAX_TEXT),
        choices: [
            ...offered.map((intent) => ({ title: titleOf(intent), intent })),
            { title: offered.length ? 'Something else' : titleOf(SOMETHING_ELSE), intent: SOMETHING_ELSE },
        ],
    });
}

/**
 * The decline: "I can't answer that yet", what the bot knows, and a button per nearest intent (each
 * answers the message as that intent, like the clarifying card's) and one for everything it can do.
 */
export function createDeclineCard(nearest: readonly string[], text: string): AdaptiveCardJson {
    return renderCard('clarify', {
        question: CANT_ANSWER_YET,
        note: CANT_ANSWER_NOTE,
        text: text.slice(0, MAX_TEXT),
        choices: [
            ...nearest.filter((i) => i !== SOMETHING_ELSE).map((intent) => ({ title: titleOf(intent), intent })),
            { title: EVERYTHING, intent: SOMETHING_ELSE },
        ],
    });
}

/** Runs the handler of an intent for the person asking. False when no feature answers that intent. */
async function answerAs(
    intent: string,
    context: TurnContext,
    deps: BotDeps,
    intents: IntentHandlers,
    asker: Asker,
    text: string,
    recognition: Recognition,
): Promise<boolean> {
    const handler = intents[intent];
    if (!handler) return false;
    await handler({ context, deps, asker, text, recognition: { ...recognition, intent } });
    return true;
}

/** Answers the message of this turn (mentions of the bot already removed). */
export async function answerMessage(
    context: TurnContext,
    state: TurnState,
    deps: BotDeps,
    intents: IntentHandlers,
    assistant?: Assistant,
): Promise<void> {
    const text = (context.activity.text ?? '').trim();
    const asker = await identifyAsker(context, deps);
    if (!text) {
        await context.sendActivity("I didn't catch a question there. Type **help** to see what I can do.");
        return;
    }
    const small = smallTalk(text);
    if (small) {
        await context.sendActivity(SMALL_TALK_REPLIES[small]);
        return;
    }
    const recognition = await deps.recognizer.recognize(text);
    const roles = rolesOf(asker.person);
    const decision = understand(recognition, (intent) => isFor(intent, roles));
    deps.log.debug(
        { intent: recognition.intent, score: recognition.score, decision: decision.kind },
        'message understood',
    );
    if (
        decision.kind === 'intent' &&
        (await answerAs(decision.intent, context, deps, intents, asker, text, recognition))
    )
        return;
    if (assistant && (await assistant(context, state))) return;
    const choices = decision.kind === 'clarify' ? decision.choices.map((c) => c.intent).filter((i) => intents[i]) : [];
    if (choices.length > 0) {
        await context.sendActivity(MessageFactory.attachment(cardAttachment(createClarifyCard(choices, text))));
        return;
    }
    const nearest = decision.kind === 'none' ? decision.nearest.map((c) => c.intent).filter((i) => intents[i]) : [];
    // A question near the bot's work is declined honestly even when nothing near it is for the asker.
    if (nearest.length > 0 || (decision.kind === 'none' && decision.related)) {
        await context.sendActivity(MessageFactory.attachment(cardAttachment(createDeclineCard(nearest, text))));
        return;
    }
    await context.sendActivity(notSure(asker));
}

/**
 * The clarifying card's buttons: the message is answered as the intent chosen, and the card keeps
 * the question with the choice made, without its buttons.
 */
export function registerClarifyRoute(app: BotApp, deps: BotDeps, intents: IntentHandlers): void {
    app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.nluChoose, async (context, _state, data) => {
        const intent = typeof data?.intent === 'string' ? data.intent : '';
        const text = typeof data?.text === 'string' ? data.text.trim().slice(0, MAX_TEXT) : '';
        if (!intents[intent] || !text) return STALE_CHOICE;
        const asker = await identifyAsker(context, deps);
        const recognition = await deps.recognizer.recognize(text);
        await answerAs(intent, context, deps, intents, asker, text, { ...recognition, score: 1 });
        return renderCard('clarify', {
            question: '',
            asked: text,
            text,
            choices: [],
            chosen: titleOf(intent),
        });
    });
}
