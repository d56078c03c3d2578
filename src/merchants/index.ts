/** What other domains may use from merchants. */
export {
  getMerchant, listMerchants, createMerchant, getStorefront, listStorefronts, getBrand, listBrands, mayListUnderBrand, brandIdBySlug,
  type Merchant, type Storefront, type Brand, type BrandAuthorisation,
} from './service.js';
export { programmeProgress, startProgramme, type ProgrammeProgress } from './onboarding-service.js';
export { exponentOf, convertMinor } from './model.js';
