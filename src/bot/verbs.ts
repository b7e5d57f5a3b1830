/**
 * Every Action.Execute verb the cards use, in one place. A test checks that each verb in
 * `cards/*.json` is one of these and has a route.
 */
export const VERBS = {
    progressOpen: 'progress.open',
    progressSaveDraft: 'progress.saveDraft',
    progressSubmit: 'progress.submit',
    progressEdit: 'progress.edit',
    progressRefresh: 'progress.refresh',
    reminderSnooze: 'reminder.snooze',
    reminderLater: 'reminder.later',
    digestObjective: 'digest.objective',
    digestRemind: 'digest.remind',
    digestClose: 'digest.close',
    /** The close confirmation card's button: closes only the ticked updates. */
    digestCloseConfirm: 'digest.closeConfirm',
    /** Undoes a close, by its audit entry. */
    digestReopen: 'digest.reopen',
    protocolsShow: 'protocols.show',
    protocolsPage: 'protocols.page',
    protocolsFirst: 'protocols.first',
    registerMarkReviewed: 'register.markReviewed',
    registerStartReview: 'register.startReview',
    registerSetStatus: 'register.setStatus',
    registerAddNote: 'register.addNote',
    objectivesRoundStart: 'objectives.roundStart',
    objectivesReply: 'objectives.reply',
    objectivesDecide: 'objectives.decide',
    roundConfirm: 'round.confirm',
    roundReply: 'round.reply',
    roundDecide: 'round.decide',
    roundClose: 'round.close',
    importApply: 'import.apply',
    importCancel: 'import.cancel',
    importAs: 'import.as',
    importUndo: 'import.undo',
    importGroup: 'import.group',
    manageOpenGroup: 'manage.openGroup',
    manageOpenPerson: 'manage.openPerson',
    managePreviewGroup: 'manage.previewGroup',
    managePreviewPerson: 'manage.previewPerson',
    manageOpenPolicy: 'manage.openPolicy',
    managePreviewPolicy: 'manage.previewPolicy',
    manageConfirm: 'manage.confirm',
    manageCancel: 'manage.cancel',
    manageUndo: 'manage.undo',
    /** A button of the "did you mean ...?" card: answers the message as the intent chosen. */
    nluChoose: 'nlu.choose',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
