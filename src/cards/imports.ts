/**
 * Cards for a spreadsheet the partnership manager sends in Teams: the preview (what would be added,
 * changed and removed, by name, with Apply and Cancel), the choice of kind when the headings fit more
 * than one, and the card that replaces it once applied (with Undo), cancelled or undone.
 */
import { IMPORT_KIND_NAMES, type ImportDiff, type ImportKind } from '../domain/imports.js';
import { describeDiff, PREVIEW_HOURS, type ImportPreview } from '../services/imports.js';
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
};

export function createImportPreviewCard(p: ImportPreview): AdaptiveCardJson {
    const changes = p.diff.added.length + p.diff.changed.length + p.diff.removed.length;
    return renderCard('import-preview', {
        ...blank,
        state: changes ? 'preview' : 'cancelled',
        id: p.id,
        title: `Import ${p.fileName} into ${IMPORT_KIND_NAMES[p.kind]}?`,
        summary: changes
            ? `Applying this file would make these changes (${describeDiff(p.diff)}; ${p.diff.unchanged} unchanged). Nothing has changed yet.`
            : `This file matches ${IMPORT_KIND_NAMES[p.kind]} as it is: importing it would change nothing, so there is nothing to apply.`,
        sections: sectionsOf(p.diff),
        footer: [
            ...p.notes,
            changes
                ? `Apply replaces ${IMPORT_KIND_NAMES[p.kind]} with the file, all or nothing, and can be undone. This preview works for ${PREVIEW_HOURS} hours.`
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

export function createImportDoneCard(
    state: 'applied' | 'cancelled' | 'undone',
    r: { kind: ImportKind; fileName?: string; diff?: ImportDiff; auditId?: string; who: string; when: string },
): AdaptiveCardJson {
    const what = IMPORT_KIND_NAMES[r.kind];
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
