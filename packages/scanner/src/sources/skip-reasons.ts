/** Why a file of a git scan was not scanned, as the summary line names it. */
export const SKIP_TOO_LARGE = 'over the size limit';
export const SKIP_BINARY = 'binary';
export const SKIP_MISSING = 'object missing (partial or broken clone)';
