export async function scanReposCommand(): Promise<number> { return 2; }
