/** One model per card template in `cards/`. The template's `${...}` bindings read these fields. */

export interface HelpCardModel {
    greeting: string;
    roleLine: string;
    capabilities: { title: string; example: string }[];
    notOnRoster: boolean;
    managerLine?: string;
}

export interface ProgressFormObjective {
    ref: string;
    text: string;
    contribution: string;
    hasLast: boolean;
    lastLabel: string;
    lastText: string;
    draftText: string;
    draftRag: string;
    noChange: string;
    maxLength: number;
}

export interface ProgressFormModel {
    groupId: string;
    groupName: string;
    period: string;
    periodLabel: string;
    dueLine: string;
    stateLine: string;
    /** The version the form shows (0 for a new update); sent back to detect stale cards. */
    basedOn: number;
    objectives: ProgressFormObjective[];
    otherMatters: string;
    /** Comma-separated group ids already picked. */
    concerns: string;
    otherGroups: { id: string; name: string }[];
    maxLength: number;
}

export interface ProgressSummaryModel {
    groupId: string;
    groupName: string;
    period: string;
    periodLabel: string;
    statusLine: string;
    statusColor: 'Good' | 'Accent' | 'Warning' | 'Default';
    sections: { ref: string; objective: string; ragLabel: string; ragColor: string; noChangeLabel: string; text: string }[];
    otherMatters: string;
    concernsLine: string;
    canEdit: boolean;
    /** Teams user ids who get their own refreshed view (the chair and vice-chair see "Edit"). */
    refreshUserIds: string[];
}

export interface ReminderCardModel {
    heading: string;
    intro: string;
    groups: {
        groupId: string;
        groupName: string;
        period: string;
        periodLabel: string;
        dueLine: string;
        dueColor: 'Default' | 'Warning' | 'Attention';
        reportsOn: string;
    }[];
    protocols: { title: string; state: string }[];
}

export interface ManagerReportModel {
    heading: string;
    late: { groupName: string; detail: string }[];
    unreachable: { name: string; detail: string }[];
}

export interface ReminderOutcomesModel {
    heading: string;
    summary: string;
    rows: { name: string; detail: string }[];
    more: number;
}

export interface CardModels {
    'reminder-outcomes': ReminderOutcomesModel;
    reminder: ReminderCardModel;
    'manager-report': ManagerReportModel;
    help: HelpCardModel;
    'progress-form': ProgressFormModel;
    'progress-summary': ProgressSummaryModel;
}

export type CardName = keyof CardModels;
