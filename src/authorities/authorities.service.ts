import { Injectable } from '@nestjs/common';
import data from './data/authorities.json';
import { Authority } from './domain/authority';
import { Establishment, resolveCompetent, resolveTargets, TargetQuery, Targets } from './domain/resolve-authority';

// The directory of supervisory authorities and the rules for the competent one. Stands alone:
// data and rules, no database, no other module.
@Injectable()
export class AuthoritiesService {
  private readonly all: readonly Authority[] = data.authorities as Authority[];

  list(search?: string): Authority[] {
    const needle = search?.trim().toLowerCase();
    if (!needle) return [...this.all];
    return this.all.filter((a) =>
      [a.id, a.country, a.region, a.region_code, a.name_local, a.name_en, a.abbreviation].some((v) => v?.toLowerCase().includes(needle)),
    );
  }

  get(id: string): Authority | null {
    return this.all.find((a) => a.id === id) ?? null;
  }

  resolve(e: Establishment) {
    return resolveCompetent(this.all, e);
  }

  targets(q: TargetQuery): Targets | { path: string; message: string } {
    return resolveTargets(this.all, q);
  }
}
