/**
 * Posture findings with the real repository in their GitHub federated credential subject
 * (detect/posture/subject.ts). The subject is not part of the fingerprint (rule and construct are),
 * so baselines match before and after. Pure.
 */
import { REPOSITORY_PLACEHOLDER, withRepository } from '../detect/posture/subject.js';
import type { Finding } from '../finding/finding.js';

/** Does any finding have a subject that names no repository yet (worth asking git)? */
export function needsRepository(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.posture?.subject?.includes(REPOSITORY_PLACEHOLDER) === true);
}

export function withRepositorySubjects(findings: readonly Finding[], repository: string | undefined): Finding[] {
  if (repository === undefined) return [...findings];
  return findings.map((f) => {
    const subject = f.posture?.subject;
    if (subject === undefined || !subject.includes(REPOSITORY_PLACEHOLDER)) return f;
    return { ...f, posture: { ...f.posture!, subject: withRepository(subject, repository) } };
  });
}
