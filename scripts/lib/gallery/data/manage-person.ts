import { galleryCases } from '../cases.js';

export default galleryCases('manage-person', [
    {
        name: 'add',
        note: 'Adding someone to a group.',
        data: {
            title: 'Add someone to a group',
            name: '',
            email: '',
            role: 'member',
            groupId: 'asset-management',
            originalEmail: '',
            originalGroupId: '',
            groups: [
        { id: "khog", name: "Kent Housing Options Group" },
        { id: "asset-management", name: "Asset Management" },
        { id: "tenancy-management", name: "Tenancy Management" },
        { id: "private-sector-housing", name: "Private Sector Housing" },
    ],
        },
    },
    {
        name: 'move',
        note: 'Changing Chris Lane’s role.',
        data: {
            title: 'Change Chris Lane’s place on the roster',
            name: 'Chris Lane',
            email: 'chris.lane@example.com',
            role: 'vice_chair',
            groupId: 'khog',
            originalEmail: 'chris.lane@example.com',
            originalGroupId: 'khog',
            groups: [
        { id: "khog", name: "Kent Housing Options Group" },
        { id: "asset-management", name: "Asset Management" },
        { id: "tenancy-management", name: "Tenancy Management" },
        { id: "private-sector-housing", name: "Private Sector Housing" },
    ],
        },
    },
]);
