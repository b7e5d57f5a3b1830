/**
 * Answering an Action.Execute with a card that replaces the message for everyone. teams-ai can do this
 * itself, but it remembers the choice per route registration and throws when the invoke names no card
 * (no `replyToId`) after the work is done. Here the shared card is updated when there is one, a failed
 * update is logged rather than turned into an error for the person, and the invoke is answered.
 */
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { Logger } from '../log.js';

/**
 * Replaces the card holding the button for everyone with `card`, and answers the person who pressed it
 * with `mine` (their own view, e.g. with an Edit button) when given, else with the same card.
 */
export async function replaceCardForAll(
    context: TurnContext,
    card: AdaptiveCard,
    log: Logger,
    mine: AdaptiveCard = card,
): Promise<AdaptiveCard> {
    const id = context.activity.replyToId;
    if (id) {
        try {
            await context.updateActivity({
                id,
                type: ActivityTypes.Message,
                attachments: [CardFactory.adaptiveCard(card)],
            });
        } catch (err) {
            log.warn({ err: (err as Error).message, activityId: id }, 'could not update the shared card');
        }
    }
    await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: mine } },
    });
    return mine;
}
