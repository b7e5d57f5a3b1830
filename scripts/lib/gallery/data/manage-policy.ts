import { galleryCases } from '../cases.js';

export default galleryCases('manage-policy', [
    {
        name: 'unset',
        note: 'The manager sets the register’s review-cycle policy; none is set yet.',
        data: {
            currentLine: 'No review-cycle policy is set: a document is due only when its evidence says so.',
            months: '',
        },
    },
]);
