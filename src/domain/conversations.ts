/**
 * Conversation references: how the bot reaches a person or a team later. Kept in the store (never
 * only in memory) so reminders survive restarts; marked uninstalled when the bot is removed.
 */
import type { ConversationRecord } from './model.js';

export function personalKey(userId: string): string {
    return `user:${userId}`;
}

export function teamKey(teamId: string): string {
    return `team:${teamId}`;
}

/**
 * True when the record would change what is stored: a new conversation, a re-install, or a moved
 * service URL. Lets the bot skip a write on every ordinary message.
 */
export function needsSaving(
    existing: ConversationRecord | undefined,
    next: Omit<ConversationRecord, 'updatedAt'>,
): boolean {
    if (!existing) return true;
    if (existing.installed !== next.installed) return true;
    const a = existing.reference as { serviceUrl?: string; conversation?: { id?: string } };
    const b = next.reference as { serviceUrl?: string; conversation?: { id?: string } };
    return (
        a.serviceUrl !== b.serviceUrl ||
        a.conversation?.id !== b.conversation?.id ||
        existing.aadObjectId !== next.aadObjectId
    );
}

/** Inserts or replaces the record with the same key. */
export function upsertConversation(list: ConversationRecord[], record: ConversationRecord): void {
    const i = list.findIndex((c) => c.key === record.key);
    if (i >= 0) list[i] = record;
    else list.push(record);
}

/** Marks a conversation as no longer reachable (the bot was uninstalled or removed). */
export function markUninstalled(list: ConversationRecord[], key: string, at: string): boolean {
    const c = list.find((r) => r.key === key);
    if (!c?.installed) return false;
    c.installed = false;
    c.updatedAt = at;
    return true;
}
