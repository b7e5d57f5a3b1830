import { galleryCases } from '../cases.js';

export default galleryCases('round-close', [
    {
        name: 'confirm',
        note: 'The manager closes the December round: which updates to close, ticked.',
        data: {
            title: 'Close the December 2026 round?',
            period: '2026-12',
            offered: 'asset-management/2026-12,private-sector-housing/2026-12',
            items: [
                { inputId: 'close_asset-management', title: 'Asset Management: submitted on 3 Dec 2026', value: 'true' },
                { inputId: 'close_private-sector-housing', title: 'Private Sector Housing: nothing received', value: 'false' },
            ],
            alreadyClosed: [{ line: 'Tenancy Management: closed on 28 Nov 2026' }],
        },
    },
]);
