import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { IdentityService, createdChanges } from '../identity/identity.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { IdGenerator } from '../platform/ids/id-generator';
import { validateInput } from '../platform/validation/validate';
import { Contract, DEFAULT_PROCESSOR_NOTICE_HOURS } from './contract.entity';
import { ContractError, ContractErrorCode } from './contracts.errors';
import { ContractsRepository } from './contracts.repository';
import { ContractTermsDto, CreateContractDto, EscalationSettingsDto } from './dto/create-contract.dto';
import { escalationSettings } from './domain/escalation-settings';

@Injectable()
export class ContractsService {
  constructor(
    private readonly db: Database,
    private readonly repo: ContractsRepository,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(input: unknown, by: AuditActor): Promise<Contract> {
    const dto = validateInput(CreateContractDto, input);
    const [controller, processor] = await Promise.all([
      this.identity.organizationBySlug(dto.controllerSlug),
      this.identity.organizationBySlug(dto.processorSlug),
    ]);
    const problems = [];
    if (!controller) problems.push({ path: 'controllerSlug', message: `no organization "${dto.controllerSlug}"` });
    else if (controller.kind === 'processor') problems.push({ path: 'controllerSlug', message: 'is a processor-only organization' });
    if (!processor) problems.push({ path: 'processorSlug', message: `no organization "${dto.processorSlug}"` });
    else if (processor.kind === 'controller') problems.push({ path: 'processorSlug', message: 'is a controller-only organization' });
    if (controller && processor && controller.id === processor.id)
      problems.push({ path: 'processorSlug', message: 'must differ from the controller' });
    const escalation = escalationSettings(dto.escalation);
    problems.push(...escalation.problems);
    if (problems.length || !controller || !processor) {
      throw new ContractError(ContractErrorCode.WrongParty, 'The contract parties are not valid.', { errors: problems });
    }
    return this.db.transaction(async (tx) => {
      if (await this.repo.exists(tx, controller.id, processor.id, dto.reference)) {
        throw new ContractError(ContractErrorCode.Duplicate, `A contract "${dto.reference}" between these parties exists already.`);
      }
      const contract = await this.repo.insert(
        tx,
        tx.create(Contract, {
          id: this.ids.next(),
          controllerId: controller.id,
          processorId: processor.id,
          reference: dto.reference,
          signedOn: dto.signedOn ?? null,
          processorNoticeHours: dto.processorNoticeHours ?? DEFAULT_PROCESSOR_NOTICE_HOURS,
          dataCategories: dto.dataCategories ?? [],
          subjectCategories: dto.subjectCategories ?? [],
          subProcessors: (dto.subProcessors ?? []).map((s) => ({ ...s })),
          escalationContacts: (dto.escalationContacts ?? []).map((c) => ({ ...c, email: c.email.toLowerCase() })),
          escalationMilestones: escalation.milestones,
          deputyContacts: escalation.deputies,
          deputyAfterMinutes: escalation.deputyAfter,
          reminderEveryMinutes: escalation.reminderEveryMinutes ?? null,
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(tx, by, {
        action: 'contract.created',
        entityType: 'contract',
        entityId: contract.id,
        changes: createdChanges({
          controllerId: controller.id,
          processorId: processor.id,
          reference: contract.reference,
          processorNoticeHours: contract.processorNoticeHours,
        }),
      });
      return contract;
    });
  }

  // PUT /contracts/:id/escalation: the controller changes when and whom to warn, and how often to
  // remind of duties without a deadline. Duties already running keep their planned mails until
  // their next change re-plans them (a reminder sent plans the next one at the interval in force).
  async updateEscalation(actor: Actor, id: string, dto: EscalationSettingsDto, by: AuditActor): Promise<Contract> {
    const settings = escalationSettings(dto);
    if (settings.problems.length)
      throw new ContractError(ContractErrorCode.WrongParty, 'The escalation settings are not valid.', { errors: settings.problems });
    return this.db.transaction(async (tx) => {
      const contract = await this.repo.findVisible(tx, actor.organizationId, id);
      if (!contract) throw new ContractError(ContractErrorCode.NotFound, `No contract ${id}.`);
      if (contract.controllerId !== actor.organizationId)
        throw new ContractError(ContractErrorCode.NotController, 'Only the controller sets the escalation of its contract.');
      const before = {
        milestones: contract.escalationMilestones,
        deputies: contract.deputyContacts,
        deputyAfter: contract.deputyAfterMinutes,
        reminders: contract.reminderEveryMinutes,
      };
      if (dto.milestones !== undefined) contract.escalationMilestones = settings.milestones;
      if (dto.deputies !== undefined) contract.deputyContacts = settings.deputies;
      if (dto.deputiesAfter !== undefined) contract.deputyAfterMinutes = settings.deputyAfter;
      if (settings.reminderEveryMinutes !== undefined) contract.reminderEveryMinutes = settings.reminderEveryMinutes;
      const saved = await this.repo.insert(tx, contract);
      await this.audit.record(tx, by, {
        action: 'contract.escalation_changed',
        entityType: 'contract',
        entityId: id,
        changes: {
          escalationMilestones: { from: before.milestones, to: saved.escalationMilestones },
          deputyContacts: { from: before.deputies, to: saved.deputyContacts },
          deputyAfterMinutes: { from: before.deputyAfter, to: saved.deputyAfterMinutes },
          reminderEveryMinutes: { from: before.reminders, to: saved.reminderEveryMinutes },
        },
      });
      return saved;
    });
  }

  // The contract as seen by one of its parties; a stranger gets "not found".
  async visibleTo(actor: Actor, id: string): Promise<Contract> {
    const contract = await this.db.read((m) => this.repo.findVisible(m, actor.organizationId, id));
    if (!contract) throw new ContractError(ContractErrorCode.NotFound, `No contract ${id}.`);
    return contract;
  }

  // Several contracts the actor is a party to, keyed by the id as given; the others are left out.
  visibleToMany(actor: Actor, ids: string[]): Promise<Map<string, Contract>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return this.db.read((m) => this.repo.findVisibleMany(m, actor.organizationId, ids));
  }

  // The processor's org admin adds a contract with one of its customers (the contracts page).
  async createFor(actor: Actor, input: Record<string, unknown>): Promise<Contract> {
    const processor = await this.processorOf(actor);
    return this.create({ ...input, processorSlug: processor.slug }, auditActorOf(actor));
  }

  // The processor's org admin changes the terms it holds: notice hours and sub-processors. Audited.
  async updateTerms(actor: Actor, id: string, input: unknown): Promise<Contract> {
    await this.processorOf(actor);
    const dto = validateInput(ContractTermsDto, input);
    return this.db.transaction(async (tx) => {
      const contract = await this.repo.findVisible(tx, actor.organizationId, id);
      if (!contract || contract.processorId !== actor.organizationId)
        throw new ContractError(ContractErrorCode.NotFound, `No contract ${id}.`);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (dto.processorNoticeHours !== undefined && dto.processorNoticeHours !== contract.processorNoticeHours) {
        changes.processorNoticeHours = { from: contract.processorNoticeHours, to: dto.processorNoticeHours };
        contract.processorNoticeHours = dto.processorNoticeHours;
      }
      const subs = dto.subProcessors?.map((p) => ({ ...p }));
      if (subs && JSON.stringify(subs) !== JSON.stringify(contract.subProcessors)) {
        changes.subProcessors = { from: contract.subProcessors, to: subs };
        contract.subProcessors = subs;
      }
      if (!Object.keys(changes).length) return contract;
      const saved = await this.repo.insert(tx, contract);
      await this.audit.record(tx, auditActorOf(actor), { action: 'contract.updated', entityType: 'contract', entityId: id, changes });
      return saved;
    });
  }

  pageFor(actor: Actor, page: number, size: number): Promise<[Contract[], number]> {
    return this.db.read((m) => this.repo.pageOfOrganization(m, actor.organizationId, (page - 1) * size, size));
  }

  private async processorOf(actor: Actor) {
    const org = actor.role === 'org_admin' ? await this.identity.organizationById(actor.organizationId) : null;
    if (!org || org.kind === 'controller')
      throw new ContractError(ContractErrorCode.NotProcessor, "Only a processor's org admin manages its contracts.");
    return org;
  }

  listFor(actor: Actor): Promise<Contract[]> {
    return this.db.read((m) => this.repo.listOfOrganization(m, actor.organizationId));
  }
}
