/**
 * Cards for the partnership manager's small changes: what to change, the group and person forms, and
 * the confirmation that says exactly what will change (then what did, with Undo).
 */
import type { StoreData } from '../domain/model.js';
import { showDate } from '../domain/partialDate.js';
import { carriedChange, type ManagerChange } from '../domain/manage.js';
import { renderCard, type AdaptiveCardJson } from './render.js';

const ROLE_WORDS: Record<string, string> = {
    chair: 'chair',
    vice_chair: 'vice-chair',
    member: 'member',
    manager: 'partnership manager',
    observer: 'observer (Board member)',
};

const groupsOf = (data: Pick<StoreData, 'groups'>) => data.groups.map((g) => ({ id: g.id, name: g.name }));

export function createManageMenuCard(data: Pick<StoreData, 'groups' | 'roster'>, groupId = ''): AdaptiveCardJson {
    const name = (id: string | null) =>
        id === null ? 'the partnership' : (data.groups.find((g) => g.id === id)?.name ?? id);
    return renderCard('manage-menu', {
        groupId: groupId || (data.groups[0]?.id ?? ''),
        groups: groupsOf(data),
        people: [...data.roster]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((e) => ({
                key: `${e.email}|${e.groupId ?? ''}`,
                title: `${e.name}: ${ROLE_WORDS[e.role]} of ${name(e.groupId)}`,
            })),
    });
}

export function createManageGroupCard(data: Pick<StoreData, 'groups'>, groupId: string): AdaptiveCardJson | undefined {
    const g = data.groups.find((x) => x.id === groupId);
    if (!g) return undefined;
    return renderCard('manage-group', {
        groupId: g.id,
        groupName: g.name,
        currentLine: g.reports
            ? `Now: reports every ${g.cadenceMonths} months; next update due ${g.nextUpdateDue ? showDate(g.nextUpdateDue) : 'on no date yet'}.`
            : 'Now: does not send progress updates.',
        reports: g.reports ? 'true' : 'false',
        cadenceMonths: g.cadenceMonths === 3 ? '3' : '6',
        nextUpdateDue: g.nextUpdateDue ?? '',
    });
}

export function createManagePersonCard(
    data: Pick<StoreData, 'groups' | 'roster'>,
    key?: string,
): AdaptiveCardJson | undefined {
    const [email, groupId] = (key ?? '').split('|');
    const entry = key ? data.roster.find((e) => e.email === email && (e.groupId ?? '') === (groupId ?? '')) : undefined;
    if (key && !entry) return undefined;
    return renderCard('manage-person', {
        title: entry ? `Change ${entry.name}` : 'Add someone to the roster',
        name: entry?.name ?? '',
        email: entry?.email ?? '',
        role: entry?.role ?? 'member',
        groupId: entry?.groupId ?? '',
        originalEmail: entry?.email ?? '',
        originalGroupId: entry?.groupId ?? '',
        groups: groupsOf(data),
    });
}

export function createManagePolicyCard(data: Pick<StoreData, 'settings'>): AdaptiveCardJson {
    const policy = data.settings.reviewCycle;
    return renderCard('manage-policy', {
        currentLine: policy
            ? `Now: every ${policy.months} months, set by ${policy.setBy} on ${showDate(policy.setAt.slice(0, 10))}.`
            : 'Now: no policy. Documents that state no review cycle get no review date worked out.',
        months: policy ? String(policy.months) : '',
    });
}

export function createManageConfirmCard(
    state: 'confirm' | 'applied' | 'cancelled' | 'undone',
    lines: string[],
    extra: { change?: ManagerChange; auditId?: string; who?: string; when?: string } = {},
): AdaptiveCardJson {
    const titles = {
        confirm: 'Confirm this change',
        applied: 'Changed',
        cancelled: 'Not changed',
        undone: 'Change undone',
    };
    const footers = {
        confirm: 'Nothing has changed yet. Confirm to make the change; you can undo it afterwards.',
        applied: `Changed by ${extra.who ?? 'you'} on ${extra.when ?? ''}, and kept in the audit trail.`,
        cancelled: 'You cancelled this change: nothing was saved.',
        undone: `Undone by ${extra.who ?? 'you'} on ${extra.when ?? ''}, and kept in the audit trail.`,
    };
    return renderCard('manage-confirm', {
        state,
        title: titles[state],
        lines,
        footer: footers[state],
        change: extra.change ? JSON.stringify(carriedChange(extra.change)) : '',
        auditId: extra.auditId ?? '',
    });
}
