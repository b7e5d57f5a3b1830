/** The greeting and the help card: what the bot can do for this person's role. */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { capabilitiesFor, ROLE_LABELS } from '../../domain/help.js';
import { groupName, groupsWithRole, managers, primaryRole } from '../../domain/people.js';
import { cardAttachment, renderCard } from '../../cards/render.js';
import type { Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';

export function createHelpCard(asker: Asker, deps: BotDeps, greeting: boolean) {
    const data = deps.store.read();
    const role = primaryRole(asker.person);
    const firstName = (asker.person?.name ?? asker.displayName).split(' ')[0];
    const groups = asker.person ? groupsWithRole(asker.person, 'chair', 'vice_chair', 'member') : [];
    const roleLine = asker.person
        ? role === 'manager'
            ? 'You are the partnership manager: you can see every group, keep the register and get the digest.'
            : `You are ${asker.person.entries
                  .filter((e) => e.groupId)
                  .map((e) => `${ROLE_LABELS[e.role]} of ${groupName(data.groups, e.groupId!)}`)
                  .join(' and ')}.`
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
            ? `You are not on the partnership's roster yet, so I can only answer general questions. Ask the partnership manager, ${manager.name} (${manager.email}), to add you.`
            : "You are not on the partnership's roster yet, so I can only answer general questions. Ask the partnership manager to add you.",
    });
}

export async function sendHelp(context: TurnContext, asker: Asker, deps: BotDeps, greeting: boolean): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(createHelpCard(asker, deps, greeting))));
}

export const helpFeature: Feature = {
    name: 'help',
    intents: {
        help: async ({ context, asker, deps }) => sendHelp(context, asker, deps, false),
        greet: async ({ context, asker, deps }) => sendHelp(context, asker, deps, true),
    },
};
