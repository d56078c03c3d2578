import { registerProblems, type CodesOf } from '../http/problem.js';

export const merchantProblems = registerProblems({
  'merchants.not_found': { status: 404, title: 'Merchant not found' },
  'merchants.storefront_not_found': { status: 404, title: 'Storefront not found' },
  'merchants.slug_taken': { status: 409, title: 'This slug is already in use' },
  'merchants.pavilion_not_found': { status: 404, title: 'Pavilion not found' },
  'merchants.brand_not_found': { status: 404, title: 'Brand not found' },
  'merchants.not_brand_owner': { status: 403, title: 'Only the brand owner may do this' },
  'merchants.authorisation_not_found': { status: 404, title: 'Brand authorisation not found' },
  'merchants.application_not_found': { status: 404, title: 'Onboarding application not found' },
  'merchants.application_open': { status: 409, title: 'The merchant already has an open application' },
  'merchants.illegal_transition': { status: 409, title: 'This step is not allowed from the current state' },
  'merchants.reason_required': { status: 400, title: 'This step needs a reason' },
  'merchants.documents_missing': { status: 409, title: 'A trademark certificate must be uploaded first' },
  'merchants.storefront_missing': { status: 409, title: 'Configure a storefront first' },
  'merchants.document_too_large': { status: 413, title: 'The document is larger than 5 MiB' },
  'merchants.document_type': { status: 415, title: 'Only PDF, PNG and JPEG documents are accepted' },
  'merchants.document_not_found': { status: 404, title: 'Document not found' },
  'merchants.programme_not_found': { status: 404, title: 'Launch programme not found' },
  'merchants.complaint_not_found': { status: 404, title: 'IP complaint not found' },
  'merchants.complaint_window': { status: 409, title: 'Not allowed at this point of the counter-notice window' },
  'merchants.listing_not_found': { status: 404, title: 'Listing not found' },
  'merchants.territory_invalid': { status: 400, title: 'Territories must be ISO 3166-1 alpha-2 country codes' },
  'merchants.listing_not_branded': { status: 409, title: 'The listing is not under this brand' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof merchantProblems> {}
}
