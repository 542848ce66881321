/**
 * Posture findings with the real repository in their federated credential subject
 * (detect/posture/subject.ts). The subject is not part of the fingerprint (rule and construct are),
 * so baselines match before and after. Pure.
 */
import { PROJECT_PLACEHOLDER, REPOSITORY_PLACEHOLDER, withOrigin, type RepositoryOrigin } from '../detect/posture/subject.js';
import type { Finding } from '../finding/finding.js';

function hasPlaceholder(subject: string | undefined): boolean {
  return subject !== undefined && (subject.includes(REPOSITORY_PLACEHOLDER) || subject.includes(PROJECT_PLACEHOLDER));
}

/** Does any finding have a subject that names no repository yet (worth asking git)? */
export function needsOrigin(findings: readonly Finding[]): boolean {
  return findings.some((f) => hasPlaceholder(f.posture?.subject));
}

export function withOriginSubjects(findings: readonly Finding[], origin: RepositoryOrigin): Finding[] {
  return findings.map((f) => {
    const subject = f.posture?.subject;
    if (!hasPlaceholder(subject)) return f;
    return { ...f, posture: { ...f.posture!, subject: withOrigin(subject!, origin) } };
  });
}
