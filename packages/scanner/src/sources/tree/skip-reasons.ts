/** Why the working-tree walk skipped an entry, as stats and summaries name it (no imports: cheap to load). */
export const SKIP_SYMLINK = 'symlink (not followed)';
export const SKIP_SYMLINK_OUTSIDE = 'symlink outside the scanned path';
export const SKIP_SPECIAL = 'not a regular file';
