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
    /** "Suggested from milestones: Amber (...). Your own rating stands.", or empty. */
    suggestion: string;
    milestones: {
        id: string;
        description: string;
        dateLine: string;
        state: string;
        newTarget: string;
        /** What is wrong with the new date, shown under it; empty when nothing is. */
        dateError: string;
    }[];
    helpNeeded: string;
    helpFrom: string;
    helpNeed: string;
    /** Why the submission was refused at this objective's text box, shown under it; empty when it was not. */
    textError: string;
    /** Why the submission was refused at "What help is needed", shown under it; empty when it was not. */
    helpNeedError: string;
    /** Help requests of earlier updates still open: the form asks whether each was resolved. */
    openHelp: { id: string; line: string; resolved: string }[];
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
    /** Shown when the group has no objectives: who can assign them, worded for the person reading. */
    noObjectivesLine: string;
    /**
     * True when "Other important matters" is the whole update (the group has no objectives): the card
     * marks it `isRequired`, which the client checks before sending (see cards/progress-form.json).
     */
    otherMattersRequired: boolean;
    /** Why the submission was refused at "Other important matters", shown under it; empty when it was not. */
    otherMattersError: string;
    /** Comma-separated group ids already picked. */
    concerns: string;
    otherGroups: { id: string; name: string }[];
    maxLength: number;
    /** False when the partnership does not use RAG ratings (RAG_MODE=off). */
    ragEnabled: boolean;
    /** The groups help can be asked from. */
    helpGroups: { id: string; name: string }[];
}

export interface ProgressSummaryModel {
    groupId: string;
    groupName: string;
    period: string;
    periodLabel: string;
    statusLine: string;
    statusColor: 'Good' | 'Accent' | 'Warning' | 'Default';
    sections: {
        ref: string;
        objective: string;
        ragLabel: string;
        ragColor: string;
        noChangeLabel: string;
        text: string;
        suggestion: string;
        milestones: { line: string }[];
        help: { line: string }[];
    }[];
    otherMatters: string;
    concernsLine: string;
    canEdit: boolean;
    /** Teams user ids who get their own refreshed view (the chair and vice-chair see "Edit"). */
    refreshUserIds: string[];
}

/** One objective a group reports on, as the next-update card shows it. */
export interface NextUpdateObjective {
    ref: string;
    text: string;
    /** The group's own part in the objective ("For existing social housing"); empty when none is recorded. */
    contribution: string;
    /** What the group said last time, in one line: "Amber: Retrofit survey under way…", or "No update yet". */
    lastLine: string;
}

/** One group's section of the next-update card. */
export interface NextUpdateGroup {
    groupId: string;
    groupName: string;
    /** The period's id (`2026-12`), sent back by the form button. */
    period: string;
    periodLabel: string;
    /** "You are chair", "You are a member"; empty for someone asking about a group they are not in. */
    roleLine: string;
    /** "Due Friday 18 December 2026: in 8 days" or "...: 3 days late". */
    dueLine: string;
    dueColor: 'Default' | 'Warning' | 'Attention' | 'Good';
    /** Opening day, cadence, this period's state, what comes after. */
    facts: { title: string; value: string }[];
    /** This period's update: not started, draft saved, or submitted. */
    state: 'not_started' | 'draft' | 'submitted';
    /** "Last update: September 2026, submitted by Priya Shah on 14 Sep 2026"; empty when there is none. */
    lastTimeLine: string;
    objectives: NextUpdateObjective[];
    /** True when the asker may write this update (chair, vice-chair, manager) and it is open. */
    canOpenForm: boolean;
    formTitle: string;
    /** Why there is no button, or when it will come ("Only the chair or vice-chair writes it"). */
    formNote: string;
}

export interface NextUpdateCardModel {
    title: string;
    intro: string;
    groups: NextUpdateGroup[];
}

export interface LateGroupsCardModel {
    title: string;
    summary: string;
    groups: {
        groupName: string;
        periodLabel: string;
        /** "Due 11 Dec 2026: 9 days late". */
        dueLine: string;
        /** "Chair: Priya Shah (priya.shah@example.com) · Vice-chair: ..." */
        chairsLine: string;
        stateLine: string;
        /** Further periods also owed; empty when none. */
        alsoLine: string;
    }[];
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
        /** The form button, naming the group so a chair of two can tell them apart: "Write KHOG's update". */
        formTitle: string;
    }[];
    protocols: { title: string; state: string }[];
    /** A person to ask: a Teams chat with the partnership manager; empty when the roster names none. */
    helpTitle: string;
    helpUrl: string;
}

export interface ManagerReportModel {
    heading: string;
    late: { groupName: string; detail: string }[];
    unreachable: { name: string; detail: string }[];
}

/** What a due-list or page button sends back: the question's filters, so the answer can be worked out again. */
export interface RegisterFilterData {
    groupIds: string[];
    overdueOnly: boolean;
    horizonMonths: number;
    horizonDays: number;
}

export interface ProtocolRowModel {
    id: string;
    title: string;
    isKey: boolean;
    owners: string;
    dates: string;
    due: string;
    dueColor: 'Attention' | 'Warning' | 'Default' | 'Good';
    state: string;
}

export interface DueSectionModel {
    /** The register position the section holds (see `domain/register.ts`). */
    section: string;
    heading: string;
    intro: string;
    color: 'Attention' | 'Warning' | 'Accent' | 'Default';
    rows: ProtocolRowModel[];
    hasMore: boolean;
    moreLine: string;
    moreTitle: string;
    moreData: { section: string; offset: number; filter: RegisterFilterData };
}

export interface ProtocolsDueModel {
    heading: string;
    subheading: string;
    note: string;
    counts: { label: string; value: string; color: string }[];
    sections: DueSectionModel[];
    nothing: boolean;
    nothingLine: string;
    footer: string;
    filter: RegisterFilterData;
    /** A page of one section: "Back to the summary" instead of "What should we review first?". */
    isPage: boolean;
    hasPrevious: boolean;
    previousData: { section: string; offset: number; filter: RegisterFilterData };
}

export interface ProtocolCardModel {
    id: string;
    title: string;
    kindLabel: string;
    isKey: boolean;
    stateLabel: string;
    stateColor: 'Good' | 'Warning' | 'Attention' | 'Accent' | 'Default';
    due: string;
    dueColor: 'Attention' | 'Warning' | 'Default' | 'Good';
    /** Each piece of evidence on its review, with its source and when it was recorded. */
    evidence: { text: string }[];
    noEvidence: boolean;
    facts: { title: string; value: string }[];
    statusNote: string;
    message: string;
    url: string;
    history: { when: string; who: string; what: string }[];
    historyMore: string;
    /** The partnership manager's view: the change forms. The server checks again on every change. */
    canEdit: boolean;
    today: string;
    nextReview: string;
    cycleMonths: string;
    status: string;
    statusChoices: { title: string; value: string }[];
    groupChoices: { title: string; value: string }[];
}

export interface ProtocolChoiceModel {
    question: string;
    candidates: { id: string; title: string; detail: string }[];
}

export interface ProtocolsFirstModel {
    heading: string;
    intro: string;
    picks: { rank: number; id: string; title: string; reasons: string }[];
    nothing: boolean;
    nothingLine: string;
    notes: { text: string }[];
    /** Each group's load from the register, beside the ranking. */
    loads: { group: string; load: string }[];
    hasLoads: boolean;
    rule: string;
    filter: RegisterFilterData;
}

export interface ReminderOutcomesModel {
    heading: string;
    summary: string;
    rows: { name: string; detail: string }[];
    more: number;
}

export interface DigestCardModel {
    title: string;
    subtitle: string;
    subtitleColor: 'Good' | 'Warning' | 'Attention' | 'Default';
    scopeLine: string;
    /** The round's dates: the meeting and its paper deadline, or "as of today". */
    roundLine: string;
    period: string;
    theme: string;
    groupId: string;
    /** Every group's update in the round, with where it stands. */
    updates: { groupName: string; detail: string }[];
    missing: { groupName: string; detail: string }[];
    moreMissing: number;
    themes: {
        name: string;
        tally: string;
        objectives: {
            ref: string;
            text: string;
            entries: { line: string; color: string }[];
            missingLine: string;
            hasText: boolean;
        }[];
    }[];
    omittedLine: string;
    /** Objectives no group has taken on. */
    gaps: { line: string }[];
    /** Open help requests. */
    helpRequests: { line: string }[];
    matters: { line: string }[];
    hasRegister: boolean;
    registerLine: string;
    registerTop: { title: string; state: string; why: string }[];
    downloadUrl: string;
    /** The Board paper (.docx) through the same kind of signed, expiring link. */
    paperUrl: string;
    /** The partnership manager sees the buttons that act (remind, close); an observer does not. */
    canAct: boolean;
}

/** "Close the period": the round's updates, ticked where closing is expected, for the manager to confirm. */
export interface RoundCloseModel {
    title: string;
    period: string;
    /** The updates offered, `groupId/period`, comma-separated: what the confirmation may close. */
    offered: string;
    items: { inputId: string; title: string; value: 'true' | 'false' }[];
    alreadyClosed: { line: string }[];
}

/** After a close or a reopen: what changed, in words, with the way back. */
export interface RoundClosedModel {
    title: string;
    lines: { text: string }[];
    /** The audit entry of the close, for "Reopen these updates"; empty when there is nothing to undo. */
    entry: string;
}

export interface DigestObjectiveModel {
    ref: string;
    text: string;
    label: string;
    entries: { groupName: string; contribution: string; status: string; color: string; text: string }[];
    missingLine: string;
}

export interface GroupChoiceModel {
    question: string;
    choices: { title: string; groupId: string; period: string }[];
}

/** "Did you mean ...?": a button per intent, each resending the question as that intent. */
export interface ClarifyModel {
    /** The bot's own words: the question, or the decline. */
    question: string;
    /**
     * Someone's message shown back to them, as a TextRun: a TextRun never renders markdown, so a link or
     * emphasis typed in a message is shown as typed, never as the bot's own link.
     */
    asked?: string;
    /** A line under the question (when declining: what the bot does know, and that the buttons are the nearest). */
    note?: string;
    /** The person's message, sent back with the choice. */
    text: string;
    choices: { title: string; intent: string }[];
    /** Once answered: what was chosen (the buttons are gone). */
    chosen?: string;
}

export interface ObjectiveCardModel {
    ref: string;
    text: string;
    /** "Health and Wellbeing theme · 2 groups contributing" */
    themeLine: string;
    gap: boolean;
    contributions: {
        groupName: string;
        /** ": For existing social housing", or empty. */
        contributionLine: string;
        /** "Amber" when the latest update gave a rating, else empty (and always empty when RAG is off). */
        ragLabel: string;
        ragColor: string;
        /** "September 2026 update, submitted by Priya Shah on 3 Oct 2026", or "Nothing reported yet." */
        reportLine: string;
        reportText: string;
        milestones: { state: string; line: string }[];
        help: { line: string }[];
    }[];
    footnote: string;
}

export interface ObjectiveMatrixModel {
    summary: string;
    themes: { name: string; rows: { ref: string; text: string; gap: boolean; groups: string }[] }[];
    downloadUrl: string;
}

export interface ObjectivesConfirmModel {
    roundId: string;
    groupId: string;
    groupName: string;
    introLine: string;
    /** On a chase: "A reminder: ...", else empty. */
    chaseLine: string;
    objectives: { ref: string; text: string; contribution: string; contributionLabel: string }[];
    /** Objectives the group could take on. */
    others: { ref: string; title: string }[];
}

export interface ObjectivesRoundModel {
    roundId: string;
    summary: string;
    groups: {
        groupName: string;
        state: string;
        comment: string;
        proposals: { id: string; groupId: string; line: string; decided: string }[];
    }[];
}

export interface ObjectivesRoundStartModel {
    summary: string;
    asks: { line: string }[];
    skippedLine: string;
    started: boolean;
    /** The plan the preview shows (`objectivesPlanKey`), sent back by its Start button; empty once started. */
    plan: string;
}

/** A spreadsheet sent in Teams: the preview before Apply, the choice of kind, and the card after. */
export interface ImportCardModel {
    /** `chooseGroup`: an action plan whose group the file does not name, asking which group's it is. */
    state: 'preview' | 'choose' | 'chooseGroup' | 'applied' | 'cancelled' | 'undone';
    title: string;
    summary: string;
    /** Added, changed, removed: each a heading and one line per item, by name. */
    sections: { heading: string; lines: string[] }[];
    footer: string;
    /** The kept file (preview and choose). */
    id: string;
    /** The audit entry of an applied import (for Undo). */
    auditId: string;
    choices: { title: string; kind: string }[];
    /** The group an action plan's preview is for ('' for the other kinds): Apply applies it only as that group's. */
    groupId: string;
    /** The groups to choose from (chooseGroup). */
    groups: { title: string; value: string }[];
}

/** The manager's small changes: what to change, the forms, and the confirmation before anything is saved. */
export interface ManageMenuModel {
    groupId: string;
    groups: { id: string; name: string }[];
    people: { key: string; title: string }[];
}

export interface ManageGroupModel {
    groupId: string;
    groupName: string;
    currentLine: string;
    reports: 'true' | 'false';
    cadenceMonths: '3' | '6';
    nextUpdateDue: string;
}

export interface ManagePersonModel {
    title: string;
    name: string;
    email: string;
    role: string;
    groupId: string;
    /** The roster line being changed; empty when adding someone. */
    originalEmail: string;
    originalGroupId: string;
    groups: { id: string; name: string }[];
}

export interface ManagePolicyModel {
    currentLine: string;
    /** The policy's months, or empty while unset. */
    months: string;
}

export interface ManageConfirmModel {
    state: 'confirm' | 'applied' | 'cancelled' | 'undone';
    title: string;
    lines: string[];
    footer: string;
    /** The change as JSON, sent back on Confirm and checked again. */
    change: string;
    auditId: string;
}

export interface CardModels {
    'manage-menu': ManageMenuModel;
    'manage-group': ManageGroupModel;
    'manage-person': ManagePersonModel;
    'manage-confirm': ManageConfirmModel;
    'manage-policy': ManagePolicyModel;
    'import-preview': ImportCardModel;
    'objectives-confirm': ObjectivesConfirmModel;
    'objectives-round': ObjectivesRoundModel;
    'objectives-round-start': ObjectivesRoundStartModel;
    objective: ObjectiveCardModel;
    'objective-matrix': ObjectiveMatrixModel;
    'group-choice': GroupChoiceModel;
    clarify: ClarifyModel;
    digest: DigestCardModel;
    'digest-objective': DigestObjectiveModel;
    'round-close': RoundCloseModel;
    'round-closed': RoundClosedModel;
    'reminder-outcomes': ReminderOutcomesModel;
    reminder: ReminderCardModel;
    'manager-report': ManagerReportModel;
    help: HelpCardModel;
    'progress-form': ProgressFormModel;
    'progress-summary': ProgressSummaryModel;
    'protocols-due': ProtocolsDueModel;
    protocol: ProtocolCardModel;
    'protocol-choice': ProtocolChoiceModel;
    'protocols-first': ProtocolsFirstModel;
    'next-update': NextUpdateCardModel;
    'late-groups': LateGroupsCardModel;
    'round-ask': RoundAskModel;
    'round-status': RoundStatusModel;
}

export type CardName = keyof CardModels;

/** A relevance round's card to one group's chair: the group's documents, each with the four answers. */
export interface RoundAskModel {
    heading: string;
    intro: string;
    roundId: string;
    groupId: string;
    documents: { id: string; title: string; standing: string }[];
}

/** The manager's view of a relevance round: before it starts (a preview to confirm) or while it runs. */
export interface RoundStatusModel {
    message: string;
    heading: string;
    summary: string;
    answered: { group: string; detail: string }[];
    waiting: { group: string; detail: string }[];
    proposals: {
        title: string;
        detail: string;
        roundId: string;
        groupId: string;
        protocolId: string;
        canDecide: boolean;
    }[];
    notes: string;
    roundId: string;
    canStart: boolean;
    /** The previewed plan (`planKey`), sent back on Start; empty when there is nothing to start. */
    plan: string;
    canClose: boolean;
}
