/**
 * Cards for a spreadsheet the partnership manager sends in Teams: the preview (what would be added,
 * changed and removed, by name, with Apply and Cancel), the choice of kind when the headings fit more
 * than one, the choice of group for an action plan that does not name its group, and the card that
 * replaces it once applied (with Undo), cancelled or undone.
 */
import { IMPORT_KIND_NAMES, type ImportDiff, type ImportKind } from '../domain/imports.js';
import { describeDiff, PREVIEW_HOURS, type GroupOption, type ImportPreview } from '../services/imports.js';
import type { ImportCardModel } from './models.js';
import { renderCard, type AdaptiveCardJson } from './render.js';

/** Lines a section lists before "and N more": keeps the card well under Teams' size limit. */
export const MAX_LINES = 40;

function capped(lines: string[]): string[] {
    return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `…and ${lines.length - MAX_LINES} more`] : lines;
}

function sectionsOf(diff: ImportDiff): ImportCardModel['sections'] {
    const sections: ImportCardModel['sections'] = [];
    if (diff.added.length) sections.push({ heading: `Added (${diff.added.length})`, lines: capped(diff.added) });
    if (diff.changed.length)
        sections.push({
            heading: `Changed (${diff.changed.length})`,
            lines: capped(diff.changed.map((c) => `${c.name}: ${c.fields.join(', ')}`)),
        });
    if (diff.removed.length)
        sections.push({ heading: `Removed (${diff.removed.length})`, lines: capped(diff.removed) });
    return sections;
}

const blank: Omit<ImportCardModel, 'state' | 'title' | 'summary'> = {
    sections: [],
    footer: '',
    id: '',
    auditId: '',
    choices: [],
    groupId: '',
    groups: [],
};

export function createImportPreviewCard(p: ImportPreview): AdaptiveCardJson {
    const changes = p.diff.added.length + p.diff.changed.length + p.diff.removed.length;
    return renderCard('import-preview', {
        ...blank,
        state: changes ? 'preview' : 'cancelled',
        id: p.id,
        groupId: p.groupId,
        title: `Import ${p.fileName} into ${p.target}?`,
        summary: changes
            ? `Applying this file would make these changes (${describeDiff(p.diff)}; ${p.diff.unchanged} unchanged). Nothing has changed yet.`
            : `This file matches ${p.target} as it is: importing it would change nothing, so there is nothing to apply.`,
        sections: sectionsOf(p.diff),
        footer: [
            ...p.notes,
            changes
                ? `Apply ${p.kind === 'actions' ? 'updates' : 'replaces'} ${p.target} with the file, all or nothing, and can be undone. This preview works for ${PREVIEW_HOURS} hours.`
                : '',
        ]
            .filter(Boolean)
            .join(' '),
    });
}

export function createImportChoiceCard(fileName: string, id: string, kinds: ImportKind[]): AdaptiveCardJson {
    return renderCard('import-preview', {
        ...blank,
        state: 'choose',
        id,
        title: `What does ${fileName} hold?`,
        summary:
            'Its column headings fit more than one kind of data. Which should it replace? Nothing changes until you see a preview and apply it.',
        choices: kinds.map((k) => ({ title: `Preview as ${IMPORT_KIND_NAMES[k]}`, kind: k })),
    });
}

/** Asks which group's action plan a file is, when its name and title do not name one group. */
export function createImportGroupCard(fileName: string, id: string, groups: GroupOption[]): AdaptiveCardJson {
    return renderCard('import-preview', {
        ...blank,
        state: 'chooseGroup',
        id,
        title: "Which group's action plan is this?",
        summary: `${fileName} is laid out as an action plan, but its name and title do not say which group's it is. Choose the group: I will show you what would change before anything is imported.`,
        groups: groups.map((g) => ({ title: g.name, value: g.id })),
    });
}

export function createImportDoneCard(
    state: 'applied' | 'cancelled' | 'undone',
    r: {
        kind: ImportKind;
        /** What the import replaced, in words, where it is more exact than the kind ("KHOG's action plan"). */
        target?: string;
        fileName?: string;
        diff?: ImportDiff;
        auditId?: string;
        who: string;
        when: string;
    },
): AdaptiveCardJson {
    const what = r.target ?? IMPORT_KIND_NAMES[r.kind];
    const text =
        state === 'applied'
            ? {
                  title: `Imported ${r.fileName} into ${what}`,
                  summary: `${capitalise(describeDiff(r.diff!))}, by ${r.who} on ${r.when}. Kept in the audit trail.`,
              }
            : state === 'undone'
              ? {
                    title: `Import undone: ${what} is back as it was`,
                    summary: `${capitalise(describeDiff(r.diff!))}, by ${r.who} on ${r.when}. Kept in the audit trail.`,
                }
              : {
                    title: `${r.fileName ?? 'The file'} was not imported`,
                    summary: `Cancelled by ${r.who} on ${r.when}. Nothing changed.`,
                };
    return renderCard('import-preview', {
        ...blank,
        ...text,
        state,
        auditId: r.auditId ?? '',
        sections: r.diff ? sectionsOf(r.diff) : [],
    });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
