import { INestApplicationContext } from '@nestjs/common';
import { AuditActor } from '../audit/audit.service';
import { ContractsService } from '../contracts/contracts.service';
import { IdentityService } from '../identity/identity.service';
import { IncidentsService } from '../incidents/incidents.service';
import { Actor } from '../identity/domain/actor';
import { User } from '../identity/user.entity';
import { Clock } from '../platform/clock/clock';
import { CreateIncidentDto } from '../incidents/dto/create-incident.dto';
import { NotificationsService } from '../notifications/notifications.service';
import { RecordNotificationDto } from '../notifications/dto/record-notification.dto';
import { validateInput } from '../platform/validation/validate';

const HOUR = 3_600_000;

export const DEMO_PASSWORD = 'breachclock-demo';

export interface DemoResult {
  created: boolean;
  tokens: { email: string; role: string; organization: string; token: string }[];
}

// Demo organizations after the two seed DPAs: i-SECON GmbH (controller, Hessen) with rapidmail
// GmbH (newsletter processor, Baden-Württemberg) and MAC IT-Solutions GmbH (IT services,
// Schleswig-Holstein). E-mail addresses use the reserved .example domain.
export async function loadDemo(ctx: INestApplicationContext, by: AuditActor): Promise<DemoResult> {
  const identity = ctx.get(IdentityService);
  const contracts = ctx.get(ContractsService);
  const incidents = ctx.get(IncidentsService);
  const notifications = ctx.get(NotificationsService);
  const clock = ctx.get(Clock);

  const created = !(await identity.organizationBySlug('i-secon'));
  if (created) {
    await identity.createOrganization(
      {
        slug: 'i-secon',
        name: 'i-SECON GmbH',
        kind: 'controller',
        country: 'DE',
        region: 'DE-HE',
        address: 'Reinheimer Straße 17\n64846 Groß-Zimmern',
        dpoName: 'Dana Datenschutz',
        dpoEmail: 'dpo@i-secon.example',
        dpoPhone: '+49 6071 000000',
      },
      by,
    );
    await identity.createOrganization(
      {
        slug: 'rapidmail',
        name: 'rapidmail GmbH',
        kind: 'processor',
        country: 'DE',
        region: 'DE-BW',
        address: 'Augustinerplatz 2\n79098 Freiburg im Breisgau',
      },
      by,
    );
    await identity.createOrganization(
      { slug: 'mac-it', name: 'MAC IT-Solutions GmbH', kind: 'processor', country: 'DE', region: 'DE-SH', address: '24941 Flensburg' },
      by,
    );
    const rapidmail = await contracts.create(
      {
        controllerSlug: 'i-secon',
        processorSlug: 'rapidmail',
        reference: 'AVV rapidmail 2019-09-10',
        signedOn: '2019-09-10',
        processorNoticeHours: 24,
        dataCategories: ['E-Mail-Adressen', 'Namen', 'Öffnungs- und Klickdaten'],
        subjectCategories: ['Newsletter-Empfänger', 'Kunden'],
        subProcessors: [
          { name: 'MEGASPACE Internet Service GmbH', address: 'Max-von-Laue-Str. 2b, 76829 Landau / Pfalz', service: 'Hosting' },
        ],
        escalationContacts: [{ name: 'Ingo Informationssicherheit', email: 'isb@i-secon.example', locale: 'de' }],
      },
      by,
    );
    const macIt = await contracts.create(
      {
        controllerSlug: 'i-secon',
        processorSlug: 'mac-it',
        reference: 'AVV MAC IT 2023-10-17',
        signedOn: '2023-10-17',
        processorNoticeHours: 12,
        dataCategories: ['Kundendaten', 'Abrechnungsdaten', 'Userzugänge und Passwörter'],
        subjectCategories: ['Kunden des Auftraggebers'],
      },
      by,
    );
    const users: Record<string, User> = {};
    for (const [org, email, role] of [
      ['i-secon', 'dpo@i-secon.example', 'controller_dpo'],
      ['i-secon', 'admin@i-secon.example', 'org_admin'],
      ['rapidmail', 'security@rapidmail.example', 'processor_staff'],
      ['mac-it', 'support@mac-it.example', 'processor_staff'],
    ] as const) {
      users[email] = await identity.createUser({ organizationSlug: org, email, role, password: DEMO_PASSWORD }, by);
    }
    const now = clock.now();
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
    await incidents.create(
      actorOf(users['security@rapidmail.example']),
      validateInput(CreateIncidentDto, {
        contractId: rapidmail.id,
        title: 'Newsletter sent with all recipients visible',
        nature: {
          description: 'A campaign of the controller went out with every address in the To: header.',
          types: ['confidentiality'],
          cause: 'software_error',
        },
        occurredAt: ago(30),
        discoveredAt: ago(28),
        dataCategories: ['E-Mail-Adressen'],
        specialCategories: [],
        subjectCategories: ['Newsletter-Empfänger'],
        approximateSubjects: { count: 1840, isEstimate: false },
        approximateRecords: { count: 1840, isEstimate: false },
        contact: { name: 'Rapid Security Team', email: 'security@rapidmail.example', phone: '+49 761 000000' },
        likelyConsequences: 'Recipients learn each other’s e-mail addresses; spam and phishing become more likely.',
        measuresTaken: 'Sending stopped; template fixed; recall requested from the recipients’ providers where possible.',
      }),
    );
    await incidents.create(
      actorOf(users['support@mac-it.example']),
      validateInput(CreateIncidentDto, {
        contractId: macIt.id,
        draft: true,
        title: 'Suspicious logins on the billing portal',
        nature: {
          description: 'Unusual logins from abroad on customer accounts of the billing portal; under investigation.',
          types: ['confidentiality'],
          cause: 'hacking',
        },
        discoveredAt: ago(3),
      }),
    );
    await incidents.create(
      actorOf(users['dpo@i-secon.example']),
      validateInput(CreateIncidentDto, {
        title: 'Laptop of a consultant stolen from a car',
        nature: {
          description: 'An encrypted company laptop was stolen; it held customer project files.',
          types: ['availability', 'confidentiality'],
          cause: 'lost_device',
        },
        occurredAt: ago(50),
        discoveredAt: ago(49),
        controllerAwareAt: ago(48),
        dataCategories: ['Kontaktdaten', 'Projektunterlagen'],
        specialCategories: [],
        subjectCategories: ['Kunden', 'Mitarbeitende'],
        approximateSubjects: { count: 120, isEstimate: true },
        approximateRecords: { count: 3000, isEstimate: true },
        contact: { name: 'Dana Datenschutz', email: 'dpo@i-secon.example' },
        likelyConsequences: 'Low: the disk is fully encrypted (BitLocker, TPM + PIN); the PIN was not with the device.',
        measuresTaken: 'Device wiped remotely at next connection; police report filed; credentials rotated.',
        measuresProposed: 'Review of the travel policy for devices left in vehicles.',
      }),
    );
    // A breach of last month, notified to the authority 41 hours after awareness: the register's
    // second chart has something to show.
    const dpo = actorOf(users['dpo@i-secon.example']);
    const phishing = await incidents.create(
      dpo,
      validateInput(CreateIncidentDto, {
        title: 'Mailbox of a sales employee accessed after a phishing e-mail',
        nature: {
          description: 'An employee entered the mailbox password on a fake login page; the attacker read the mailbox for about two hours.',
          types: ['confidentiality'],
          cause: 'phishing',
        },
        occurredAt: ago(24 * 20 + 3),
        discoveredAt: ago(24 * 20),
        dataCategories: ['Kontaktdaten', 'Angebote'],
        specialCategories: [],
        subjectCategories: ['Kunden'],
        approximateSubjects: { count: 260, isEstimate: true },
        approximateRecords: { count: 900, isEstimate: true },
        contact: { name: 'Dana Datenschutz', email: 'dpo@i-secon.example' },
        likelyConsequences: 'Customers may receive convincing phishing e-mails that quote real offers.',
        measuresTaken: 'Password reset; all sessions revoked; multi-factor authentication enforced; customers warned.',
      }),
    );
    await notifications.record(
      dpo,
      phishing.incident.id,
      validateInput(RecordNotificationDto, {
        kind: 'authority_initial',
        sentAt: ago(24 * 20 - 41),
        channel: 'online form of the authority',
      }),
    );
  }
  const tokens = [];
  for (const email of ['dpo@i-secon.example', 'security@rapidmail.example', 'support@mac-it.example', 'admin@i-secon.example']) {
    const { token, user } = await identity.createToken(email, by);
    const org = await identity.organizationById(user.organizationId);
    tokens.push({ email, role: user.role, organization: org?.name ?? '', token });
  }
  return { created, tokens };
}

function actorOf(u: User): Actor {
  return { userId: u.id, email: u.email, organizationId: u.organizationId, role: u.role, locale: u.locale, timeZone: u.timeZone };
}
