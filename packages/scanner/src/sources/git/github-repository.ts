/**
 * The GitHub repository (`owner/name`) of a work tree, from its `origin` remote, for the federated
 * credential subjects of posture findings; undefined when there is no origin, it is not on GitHub,
 * or its name is not a valid GitHub name (detect/posture/subject.ts validates it).
 */
import { githubRepositoryOf } from '../../detect/posture/subject.js';
import { gitText } from './git-process.js';

export async function githubRepository(cwd: string): Promise<string | undefined> {
  try {
    return githubRepositoryOf(await gitText(cwd, ['config', '--get', 'remote.origin.url']));
  } catch {
    return undefined;
  }
}
