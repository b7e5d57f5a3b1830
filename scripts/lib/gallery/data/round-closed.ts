import { galleryCases } from '../cases.js';

export default galleryCases('round-closed', [
    {
        name: 'closed',
        note: 'After closing: what was closed, and the way back.',
        data: {
            title: 'December 2026 round closed',
            lines: [{ text: 'Asset Management: closed, submitted on 3 Dec 2026' }, { text: 'By Morgan Ellis on 30 Nov 2026.' }],
            entry: 'audit-31',
        },
    },
]);
