/**
 * Where a work tree's `origin` remote is hosted (GitHub `owner/name`, Azure DevOps
 * `organization/project`), for the federated credential subjects of posture findings; empty when
 * there is no origin, it is hosted elsewhere, or its names are not valid there
 * (detect/posture/subject.ts validates them). Read through the safe git module.
 */
import { originOf, type RepositoryOrigin } from '../../detect/posture/subject.js';
import { gitText } from './git-process.js';

export async function repositoryOrigin(cwd: string): Promise<RepositoryOrigin> {
  try {
    return originOf(await gitText(cwd, ['config', '--get', 'remote.origin.url']));
  } catch {
    return {};
  }
}
