/**
 * NetSuite release facts the messages cite. One place, so that a date is
 * never written two ways (see shared research: netsuite-auth-facts.md §0).
 */
export const RELEASE = {
  mandatory2fa: '2018.2',
  soapRejectsPassport: '2020.2',
  restletsRejectNlauth: '2021.1',
  mapSsoRemoved: '2021.1',
  hmacSha1Ended: '2023.1',
  lastSoapEndpoint: '2025.2',
  fiveCertificates: '2026.1',
  noNewTba: '2027.1',
  pkceRequired: '2027.1',
  soapRemoved: '2028.2',
} as const;

/** Role internal ids NetSuite documents; others are shown by number. */
export const KNOWN_ROLES: Record<string, { name: string; requires2fa: boolean }> = {
  '3': { name: 'Administrator', requires2fa: true },
  '14': { name: 'Customer Center', requires2fa: false },
  '18': { name: 'Full Access, removed in 2021.1', requires2fa: true },
};
