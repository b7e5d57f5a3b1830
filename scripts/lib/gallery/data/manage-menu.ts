import { galleryCases } from '../cases.js';

export default galleryCases('manage-menu', [
    {
        name: 'manager',
        note: 'The manager asks to change a group or the roster.',
        data: {
            groupId: 'khog',
            groups: [
        { id: "khog", name: "Kent Housing Options Group" },
        { id: "asset-management", name: "Asset Management" },
        { id: "tenancy-management", name: "Tenancy Management" },
        { id: "private-sector-housing", name: "Private Sector Housing" },
    ],
            people: [
                { key: 'priya.shah@example.com|khog', title: 'Priya Shah, chair of KHOG' },
                { key: 'chris.lane@example.com|khog', title: 'Chris Lane, vice-chair of KHOG' },
                { key: 'jo.baker@example.com|asset-management', title: 'Jo Baker, member of Asset Management' },
            ],
        },
    },
]);
