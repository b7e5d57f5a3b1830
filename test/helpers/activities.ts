/** Activity factories: what Teams sends the bot, with sensible defaults for every field. */
import type { Activity } from 'botbuilder';

export const BOT = { id: '28:khg-bot', name: 'KHG Partnership Bot' };
export const TENANT_ID = '00000000-0000-4000-8000-00000000aaaa';

export interface Sender {
    id: string;
    name?: string;
    aadObjectId?: string;
}

export interface ActivityOptions {
    serviceUrl?: string;
    conversationId?: string;
    conversationType?: 'personal' | 'groupChat' | 'channel';
    teamId?: string;
}

let counter = 0;
const nextId = () => `incoming-${++counter}`;

function base(from: Sender, o: ActivityOptions = {}): Partial<Activity> {
    const conversationType = o.conversationType ?? 'personal';
    return {
        id: nextId(),
        channelId: 'msteams',
        serviceUrl: o.serviceUrl ?? 'https://smba.example.invalid/',
        timestamp: new Date(),
        from: { id: from.id, name: from.name ?? 'Someone', aadObjectId: from.aadObjectId },
        recipient: { id: BOT.id, name: BOT.name },
        conversation: {
            id: o.conversationId ?? `a:personal-${from.id}`,
            conversationType,
            tenantId: TENANT_ID,
            isGroup: conversationType !== 'personal',
            name: '',
        },
        channelData: {
            tenant: { id: TENANT_ID },
            ...(o.teamId ? { team: { id: o.teamId }, channel: { id: o.teamId } } : {}),
        },
        locale: 'en-GB',
    };
}

export function message(
    from: Sender,
    text: string,
    o: ActivityOptions & { mentionBot?: boolean } = {},
): Partial<Activity> {
    const a: Partial<Activity> = { ...base(from, o), type: 'message', text, textFormat: 'plain' };
    if (o.mentionBot) {
        const tag = `<at>${BOT.name}</at>`;
        a.text = `${tag} ${text}`;
        a.entities = [{ type: 'mention', text: tag, mentioned: { id: BOT.id, name: BOT.name } }];
    }
    return a;
}

export function botInstalled(from: Sender, o: ActivityOptions = {}): Partial<Activity> {
    return { ...base(from, o), type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: BOT.name }] };
}

export function installationUpdate(from: Sender, action: 'add' | 'remove', o: ActivityOptions = {}): Partial<Activity> {
    return { ...base(from, o), type: 'installationUpdate', action };
}

export function botRemoved(from: Sender, o: ActivityOptions = {}): Partial<Activity> {
    return { ...base(from, o), type: 'conversationUpdate', membersRemoved: [{ id: BOT.id, name: BOT.name }] };
}

/** An Action.Execute press on a card (`adaptiveCard/action` invoke). */
export function cardAction(
    from: Sender,
    verb: string,
    data: Record<string, unknown> = {},
    o: ActivityOptions & { replyToId?: string } = {},
): Partial<Activity> {
    return {
        ...base(from, o),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: o.replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
}

/**
 * An edited message, as Teams sends it: a `messageUpdate` with `channelData.eventType` `editMessage`,
 * carrying the id of the message it edits and its new text.
 */
export function messageEdit(
    original: Partial<Activity>,
    text: string,
    o: { mentionBot?: boolean } = {},
): Partial<Activity> {
    const edited = message(original.from as Sender, text, {
        serviceUrl: original.serviceUrl,
        conversationId: original.conversation?.id,
        conversationType: original.conversation?.conversationType as ActivityOptions['conversationType'],
        mentionBot: o.mentionBot,
    });
    return {
        ...edited,
        id: original.id,
        type: 'messageUpdate',
        channelData: { ...(original.channelData as object), eventType: 'editMessage' },
    };
}
