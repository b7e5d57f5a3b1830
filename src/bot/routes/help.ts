/** The greeting and the help card: what the bot can do for this person's role. */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { capabilitiesFor, roleSentence, sharedCapabilities } from '../../domain/help.js';
import { groupName, groupsWithRole, managers, primaryRole } from '../../domain/people.js';
import { cardAttachment, renderCard } from '../../cards/render.js';
import type { Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';

/**
 * The help card (or, with `greeting`, the greeting). In a one-to-one chat it speaks to the person: their
 * name, their roles, what they may do. In a group chat or channel everyone sees it, so it names no one
 * and lists what anyone there can ask.
 */
export function createHelpCard(asker: Asker, deps: BotDeps, greeting: boolean, shared = false) {
    const data = deps.store.read();
    if (shared) {
        return renderCard('help', {
            greeting: greeting ? "Hello everyone, I'm the KHG Partnership Bot." : 'Here is what I can do here.',
            roleLine:
                'I help the Kent Housing Group partnership keep track of protocol reviews and sub-group progress updates. ' +
                'Mention me with a question; for your own group, chat with me one-to-one.',
            capabilities: sharedCapabilities().map(({ title, example }) => ({ title, example })),
            notOnRoster: false,
        });
    }
    const role = primaryRole(asker.person);
    const firstName = (asker.person?.name ?? asker.displayName).split(' ')[0];
    const groups = asker.person ? groupsWithRole(asker.person, 'chair', 'vice_chair', 'member') : [];
    const roleLine = asker.person
        ? role === 'manager'
            ? 'You are the partnership manager: you can see every group, keep the register and get the digest.'
            : roleSentence(asker.person.entries, (id) => groupName(data.groups, id))
        : 'I help the Kent Housing Group partnership keep track of protocol reviews and sub-group progress updates.';
    const manager = managers(data)[0];
    return renderCard('help', {
        greeting: greeting
            ? `Hello${firstName ? ` ${firstName}` : ''}, I'm the KHG Partnership Bot.`
            : `Here is what I can do for you${groups.length > 1 ? ' and your groups' : ''}.`,
        roleLine,
        capabilities: capabilitiesFor(role).map(({ title, example }) => ({ title, example })),
        notOnRoster: !asker.person,
        managerLine: manager
            ? `You are not on any group's roster yet, so I can only answer general questions. To be added, ask the partnership manager, ${manager.name} (${manager.email}).`
            : "You are not on any group's roster yet, so I can only answer general questions. To be added, ask the partnership manager.",
    });
}

/** True in a group chat or a channel, where everyone sees what the bot says. */
export function isSharedConversation(context: TurnContext): boolean {
    const type = context.activity.conversation?.conversationType;
    return Boolean(type && type !== 'personal');
}

export async function sendHelp(context: TurnContext, asker: Asker, deps: BotDeps, greeting: boolean): Promise<void> {
    const card = createHelpCard(asker, deps, greeting, isSharedConversation(context));
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

export const helpFeature: Feature = {
    name: 'help',
    intents: {
        help: async ({ context, asker, deps }) => sendHelp(context, asker, deps, false),
        greet: async ({ context, asker, deps }) => sendHelp(context, asker, deps, true),
    },
};
