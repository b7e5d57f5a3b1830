import path from 'node:path';
import { galleryCases } from '../cases.js';
import { ROOT_DIR } from '../../../../src/paths.js';
import { readSeed } from '../../../../src/store/store.js';
import { dueReport, type RegisterFilter } from '../../../../src/domain/register.js';
import { dueCardModel, type DueCardContext } from '../../../../src/cards/register.js';

// The seed register as the bot answers on a fixed day, so the gallery shows the counts and rows a
// reader sees (the tiles add up to the total stated), not a hand-made copy that can drift from them.
const data = readSeed(path.join(ROOT_DIR, 'data', 'seed.json'));
const NOW = new Date('2026-11-30T10:00:00Z');
const options = { zone: 'Europe/London', dueSoonDays: 90, confirmedMonths: 12 };

const model = (filter: RegisterFilter, scope: string, page?: Parameters<typeof dueCardModel>[2]) => {
    const ctx: DueCardContext = {
        groups: data.groups,
        scope,
        dueSoonDays: options.dueSoonDays,
        today: '2026-11-30',
        confirmedMonths: options.confirmedMonths,
    };
    return dueCardModel(dueReport(data.protocols, NOW, options, filter), ctx, page);
};

export default galleryCases('protocols-due', [
    { name: 'whole-register', note: 'Anyone asks which protocols are due.', data: model({}, '') },
    {
        name: 'one-group',
        note: "A member asks which of KHOG's protocols are due: four reviews under way.",
        data: model({ groupIds: ['khog'] }, "KHOG's"),
    },
    {
        name: 'date-passed-only',
        note: "Someone asks which of KHOG's protocols are overdue.",
        data: model({ groupIds: ['khog'], overdueOnly: true }, "KHOG's"),
    },
    {
        name: 'one-section-page',
        note: 'The "see all" page of one section.',
        data: model({}, '', { section: 'advice_sought', offset: 0 }),
    },
    {
        name: 'nothing-in-scope',
        note: 'A group that owns no document in the register.',
        data: model({ groupIds: ['no-such-group'] }, 'Tenancy Sustainment’s'),
    },
]);
