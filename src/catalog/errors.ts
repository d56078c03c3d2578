import { registerProblems, type CodesOf } from '../http/problem.js';

export const catalogProblems = registerProblems({
  'catalog.product_not_found': { status: 404, title: 'Product not found' },
  'catalog.sku_not_found': { status: 404, title: 'SKU not found' },
  'catalog.category_not_found': { status: 404, title: 'Category not found' },
  'catalog.price_list_not_found': { status: 404, title: 'Price list not found' },
  'catalog.code_taken': { status: 409, title: 'This code is already used by the merchant' },
  'catalog.invalid_barcode': { status: 422, title: 'The barcode is not a valid EAN-13' },
  'catalog.brand_not_authorised': { status: 403, title: 'The merchant may not list under this brand' },
  'catalog.invalid_tiers': { status: 422, title: 'The price tiers are not consistent' },
  'catalog.below_moq': { status: 422, title: 'Quantity below the minimum order quantity' },
  'catalog.price_missing': { status: 422, title: 'No price for this SKU in this currency' },
  'catalog.invalid_cursor': { status: 400, title: 'The cursor is not valid' },
  'catalog.account_not_found': { status: 404, title: 'Account not found' },
});

declare module '../http/problem.js' {
  interface ProblemCodes extends CodesOf<typeof catalogProblems> {}
}
