import { filingSide, followUpProblems, intakeAwareness, intakeProblems, IntakeRequest, subProcessorProblems } from './intake-rules';

const NOW = new Date('2025-06-10T12:00:00Z');
const at = (iso: string) => new Date(iso);
const request = (over: Partial<IntakeRequest>): IntakeRequest => ({
  side: 'processor',
  contractId: true,
  contractOnMySide: true,
  controllerAwareAt: false,
  reportedToControllerAt: false,
  draft: false,
  ...over,
});

describe('who files', () => {
  it('files as the processor for processor staff, as the controller for a DPO, and not at all for an org admin', () => {
    expect([filingSide('processor_staff'), filingSide('controller_dpo'), filingSide('org_admin')]).toEqual([
      'processor',
      'controller',
      null,
    ]);
  });
});

describe('what each side may give when filing', () => {
  it('accepts a processor report under its own contract', () => {
    expect(intakeProblems(request({}))).toEqual([]);
  });

  it('requires a contract of a processor, and one where the filer is on its side', () => {
    expect(intakeProblems(request({ contractId: false }))).toEqual([
      { path: 'contractId', message: 'is required: processor staff file a report under the DPA with the controller' },
    ]);
    expect(intakeProblems(request({ contractOnMySide: false }))).toEqual([
      { path: 'contractId', message: 'is not a contract where your organization is the processor' },
    ]);
    expect(intakeProblems(request({ side: 'controller', contractOnMySide: false }))).toEqual([
      { path: 'contractId', message: 'is not a contract where your organization is the controller' },
    ]);
  });

  it('leaves awareness and the reporting time to the controller: a processor gives neither', () => {
    expect(intakeProblems(request({ controllerAwareAt: true, reportedToControllerAt: true })).map((p) => p.path)).toEqual([
      'controllerAwareAt',
      'reportedToControllerAt',
    ]);
  });

  it('lets only processors keep drafts, and asks a controller for the contract a reporting time belongs to', () => {
    expect(intakeProblems(request({ side: 'controller', contractId: false, draft: true, reportedToControllerAt: true }))).toEqual([
      { path: 'draft', message: 'only processor reports can be drafts' },
      { path: 'reportedToControllerAt', message: 'needs contractId: it is when the processor reported' },
    ]);
    expect(intakeProblems(request({ side: 'controller', contractId: false }))).toEqual([]);
  });
});

describe('awareness on filing', () => {
  const base = {
    draft: false,
    withContract: true,
    discoveredAt: at('2025-06-09T08:00:00Z'),
    controllerAwareAt: null,
    reportedToControllerAt: null,
    now: NOW,
  };

  it("starts the controller's awareness when a processor files (reported = aware = now), and not for a draft", () => {
    expect(intakeAwareness({ ...base, side: 'processor' })).toEqual({ reportedToControllerAt: NOW, controllerAwareAt: NOW, problems: [] });
    expect(intakeAwareness({ ...base, side: 'processor', draft: true })).toEqual({
      reportedToControllerAt: null,
      controllerAwareAt: null,
      problems: [],
    });
  });

  it('takes, under a contract, the reporting time given, else the awareness given, else now; awareness defaults to it', () => {
    const reported = at('2025-06-09T10:00:00Z');
    const aware = at('2025-06-09T09:00:00Z');
    expect(intakeAwareness({ ...base, side: 'controller', reportedToControllerAt: reported })).toMatchObject({
      reportedToControllerAt: reported,
      controllerAwareAt: reported,
    });
    expect(intakeAwareness({ ...base, side: 'controller', reportedToControllerAt: reported, controllerAwareAt: aware })).toMatchObject({
      reportedToControllerAt: reported,
      controllerAwareAt: aware,
    });
    expect(intakeAwareness({ ...base, side: 'controller', controllerAwareAt: aware })).toMatchObject({
      reportedToControllerAt: aware,
      controllerAwareAt: aware,
    });
    expect(intakeAwareness({ ...base, side: 'controller' })).toMatchObject({ reportedToControllerAt: NOW, controllerAwareAt: NOW });
  });

  it('makes the controller aware of its own breach at discovery, or later as given, never earlier', () => {
    const own = { ...base, side: 'controller' as const, withContract: false };
    expect(intakeAwareness(own)).toEqual({ reportedToControllerAt: null, controllerAwareAt: base.discoveredAt, problems: [] });
    const later = at('2025-06-09T20:00:00Z');
    expect(intakeAwareness({ ...own, controllerAwareAt: later }).controllerAwareAt).toEqual(later);
    expect(intakeAwareness({ ...own, controllerAwareAt: at('2025-06-09T07:59:59Z') }).problems).toEqual([
      { path: 'controllerAwareAt', message: 'must not be before discoveredAt' },
    ]);
  });
});

describe('follow-ups', () => {
  const dpo = { byControllerDpo: true, controllerAwareAtGiven: true, awarenessMoved: true, reason: 'The processor phoned a day earlier.' };

  it('lets only the controller DPO set the awareness', () => {
    expect(followUpProblems({ ...dpo, byControllerDpo: false, reason: null })).toEqual([
      { path: 'controllerAwareAt', message: 'is set by the controller DPO' },
    ]);
  });

  it('needs a reason to move the awareness, and none when it stays', () => {
    expect(followUpProblems(dpo)).toEqual([]);
    expect(followUpProblems({ ...dpo, reason: '   ' })).toEqual([
      { path: 'reason', message: 'is required when controllerAwareAt changes' },
    ]);
    expect(followUpProblems({ ...dpo, awarenessMoved: false, reason: undefined })).toEqual([]);
  });
});

describe('sub-processors', () => {
  it("accepts none or one of the contract's, and names the contract's list otherwise", () => {
    expect(subProcessorProblems(null, [])).toEqual([]);
    expect(subProcessorProblems('Hosting AG', ['Hosting AG', 'Mail GmbH'])).toEqual([]);
    expect(subProcessorProblems('Other Ltd', ['Hosting AG', 'Mail GmbH'])).toEqual([
      { path: 'subProcessor', message: "must be one of the contract's sub-processors: Hosting AG, Mail GmbH" },
    ]);
    expect(subProcessorProblems('Other Ltd', [])).toEqual([{ path: 'subProcessor', message: 'the contract names no sub-processors' }]);
  });
});
