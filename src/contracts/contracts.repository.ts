import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalUuid } from '../platform/http/uuid.pipe';
import { Contract } from './contract.entity';

@Injectable()
export class ContractsRepository {
  // A contract is visible to both of its parties and to nobody else. An id that is no UUID names
  // nothing (not found), whichever page or route it came from.
  findVisible(m: EntityManager, organizationId: string, id: string): Promise<Contract | null> {
    const canonical = canonicalUuid(id);
    if (!canonical) return Promise.resolve(null);
    return m
      .createQueryBuilder(Contract, 'c')
      .where('c.id = :id', { id: canonical })
      .andWhere('(c.controller_id = :org OR c.processor_id = :org)', { org: organizationId })
      .getOne();
  }

  // Several by id (any spelling; what is no UUID names nothing) with both parties, keyed by the id as given.
  async findVisibleMany(m: EntityManager, organizationId: string, ids: string[]): Promise<Map<string, Contract>> {
    const canonical = new Map(ids.map((id) => [id, canonicalUuid(id)]));
    const wanted = [...new Set([...canonical.values()].filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await m
      .createQueryBuilder(Contract, 'c')
      .innerJoinAndSelect('c.controller', 'controller')
      .innerJoinAndSelect('c.processor', 'processor')
      .where('c.id IN (:...ids)', { ids: wanted })
      .andWhere('(c.controller_id = :org OR c.processor_id = :org)', { org: organizationId })
      .getMany();
    const byId = new Map(rows.map((c) => [c.id, c]));
    const out = new Map<string, Contract>();
    for (const [id, c] of canonical) if (c && byId.has(c)) out.set(id, byId.get(c)!);
    return out;
  }

  listOfOrganization(m: EntityManager, organizationId: string): Promise<Contract[]> {
    return m
      .createQueryBuilder(Contract, 'c')
      .leftJoinAndSelect('c.controller', 'controller')
      .leftJoinAndSelect('c.processor', 'processor')
      .where('(c.controller_id = :org OR c.processor_id = :org)', { org: organizationId })
      .orderBy('c.created_at', 'DESC')
      .getMany();
  }

  // One page of the organization's contracts (thousands exist for a large processor), by reference.
  pageOfOrganization(m: EntityManager, organizationId: string, offset: number, limit: number): Promise<[Contract[], number]> {
    return m
      .createQueryBuilder(Contract, 'c')
      .leftJoinAndSelect('c.controller', 'controller')
      .leftJoinAndSelect('c.processor', 'processor')
      .where('(c.controller_id = :org OR c.processor_id = :org)', { org: organizationId })
      .orderBy('c.reference', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  exists(m: EntityManager, controllerId: string, processorId: string, reference: string): Promise<boolean> {
    return m.exists(Contract, { where: { controllerId, processorId, reference } });
  }

  insert(m: EntityManager, contract: Contract): Promise<Contract> {
    return m.save(Contract, contract);
  }
}
