import { Authority } from '../domain/authority';

export function toAuthorityResponse(a: Authority) {
  return {
    id: a.id,
    country: a.country,
    region: a.region,
    regionCode: a.region_code,
    name: a.name_local,
    nameEn: a.name_en,
    abbreviation: a.abbreviation,
    postalAddress: a.postal_address,
    email: a.email,
    website: a.website,
    breachInfoUrl: a.breach_info_url,
    breachFormUrl: a.breach_form_url,
    breachFormUrlStatus: a.breach_form_url_status,
    breachSubmissionChannel: a.breach_submission_channel,
    sectorScope: a.sector_scope,
    notificationLanguages: a.notification_languages,
    sources: a.sources,
    notes: a.notes,
  };
}
