import type { Role } from '../../identity/user.entity';

// The administration's pages, one entry each: /admin lists them and every admin page shows them as
// its navigation. A new page (contracts) is one more entry here.
export interface AdminSection {
  path: string;
  label: string; // a key of the web words
  help: string; // a key of the web words
  roles: readonly Role[];
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  // Everyone reads their organization (the DPO's contact, the regimes); its org admins change it.
  {
    path: '/admin/organization',
    label: 'adminOrganization',
    help: 'adminOrganizationHelp',
    roles: ['org_admin', 'controller_dpo', 'processor_staff'],
  },
  { path: '/admin/users', label: 'adminUsers', help: 'adminUsersHelp', roles: ['org_admin'] },
  { path: '/admin/contracts', label: 'adminContracts', help: 'adminContractsHelp', roles: ['org_admin', 'controller_dpo'] },
  { path: '/admin/tokens', label: 'adminTokens', help: 'adminTokensHelp', roles: ['org_admin', 'controller_dpo', 'processor_staff'] },
  { path: '/admin/webhooks', label: 'adminWebhooks', help: 'adminWebhooksHelp', roles: ['org_admin'] },
  { path: '/admin/offboarding', label: 'adminOffboarding', help: 'adminOffboardingHelp', roles: ['org_admin'] },
];

export function sectionsFor(role: Role): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => s.roles.includes(role));
}

export function mayOpen(role: Role, path: string): boolean {
  return sectionsFor(role).some((s) => s.path === path);
}

// The navigation of the admin pages, the current one marked (aria-current="page").
export function adminNav(role: Role, words: Record<string, string>, current: string) {
  return sectionsFor(role).map((s) => ({ href: s.path, label: words[s.label], help: words[s.help], current: s.path === current }));
}
