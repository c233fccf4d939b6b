// The rules of intake that decide who files what and from when the clocks run (docs/decisions.md,
// "Intake and clocks"): which side files, which facts each side may give, awareness and the moment
// the report reached the controller, and sub-processors named by the contract. Pure: no Nest, no
// TypeORM, and "now" comes in.

export interface Problem {
  path: string;
  message: string;
}

export type FilingRole = 'processor_staff' | 'controller_dpo' | 'org_admin';
export type FilingSide = 'processor' | 'controller';

// Processor staff file as the processor, controller DPOs as the controller; org admins file nothing.
export function filingSide(role: FilingRole): FilingSide | null {
  if (role === 'processor_staff') return 'processor';
  if (role === 'controller_dpo') return 'controller';
  return null;
}

export interface IntakeRequest {
  side: FilingSide;
  contractId: boolean; // a contract was named
  contractOnMySide: boolean; // it is visible and the filer's organization is on its side of it
  controllerAwareAt: boolean;
  reportedToControllerAt: boolean;
  draft: boolean; // "draft" was given at all
}

// What each side may give when filing, in the order the problems are reported.
export function intakeProblems(r: IntakeRequest): Problem[] {
  const problems: Problem[] = [];
  const asProcessor = r.side === 'processor';
  if (r.contractId) {
    if (!r.contractOnMySide) {
      problems.push({ path: 'contractId', message: `is not a contract where your organization is the ${r.side}` });
    }
  } else if (asProcessor) {
    problems.push({ path: 'contractId', message: 'is required: processor staff file a report under the DPA with the controller' });
  }
  if (asProcessor && r.controllerAwareAt)
    problems.push({ path: 'controllerAwareAt', message: 'is set by the controller, not by the processor' });
  if (asProcessor && r.reportedToControllerAt) {
    problems.push({ path: 'reportedToControllerAt', message: 'is the filing time of the report and cannot be given' });
  }
  if (!asProcessor && r.draft) problems.push({ path: 'draft', message: 'only processor reports can be drafts' });
  if (!asProcessor && !r.contractId && r.reportedToControllerAt) {
    problems.push({ path: 'reportedToControllerAt', message: 'needs contractId: it is when the processor reported' });
  }
  return problems;
}

export interface AwarenessInput {
  side: FilingSide;
  draft: boolean;
  withContract: boolean;
  discoveredAt: Date;
  controllerAwareAt: Date | null; // as given
  reportedToControllerAt: Date | null; // as given
  now: Date;
}

export interface Awareness {
  reportedToControllerAt: Date | null;
  controllerAwareAt: Date | null;
  problems: Problem[];
}

// When the report reached the controller and when the controller became aware:
// - a processor's report reaches the controller when it is filed (a draft: not yet), and the
//   controller is aware from then (EDPB 9/2022 II.A.4);
// - a controller filing under a contract (the processor told it, e.g. by phone): reached it at the
//   time given, else at the awareness given, else now; aware then unless an awareness is given;
// - the controller's own breach: aware at discovery unless a later awareness is given, never earlier.
export function intakeAwareness(a: AwarenessInput): Awareness {
  if (a.side === 'processor') {
    const reported = a.draft ? null : a.now;
    return { reportedToControllerAt: reported, controllerAwareAt: reported, problems: [] };
  }
  if (a.withContract) {
    const reported = a.reportedToControllerAt ?? a.controllerAwareAt ?? a.now;
    return { reportedToControllerAt: reported, controllerAwareAt: a.controllerAwareAt ?? reported, problems: [] };
  }
  const aware = a.controllerAwareAt ?? a.discoveredAt;
  const problems = aware < a.discoveredAt ? [{ path: 'controllerAwareAt', message: 'must not be before discoveredAt' }] : [];
  return { reportedToControllerAt: null, controllerAwareAt: aware, problems };
}

export interface FollowUp {
  byControllerDpo: boolean;
  controllerAwareAtGiven: boolean;
  awarenessMoved: boolean;
  reason: string | null | undefined;
}

// A follow-up: only the controller's DPO sets the awareness, and moving it needs a reason (kept in
// the audit trail). The reason is asked for only when nothing else is wrong with the awareness.
export function followUpProblems(f: FollowUp): Problem[] {
  if (f.controllerAwareAtGiven && !f.byControllerDpo) return [{ path: 'controllerAwareAt', message: 'is set by the controller DPO' }];
  if (f.awarenessMoved && !f.reason?.trim()) return [{ path: 'reason', message: 'is required when controllerAwareAt changes' }];
  return [];
}

// A sub-processor named on a report must be one the contract names.
export function subProcessorProblems(subProcessor: string | null, contractSubProcessors: string[]): Problem[] {
  if (subProcessor === null || contractSubProcessors.includes(subProcessor)) return [];
  return [
    {
      path: 'subProcessor',
      message: contractSubProcessors.length
        ? `must be one of the contract's sub-processors: ${contractSubProcessors.join(', ')}`
        : 'the contract names no sub-processors',
    },
  ];
}
