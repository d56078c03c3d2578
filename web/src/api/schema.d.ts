/**
 * Types of the Mercato HTTP API, generated from its OpenAPI document by scripts/gen-api-types.ts.
 * Do not edit: run `npm run gen:api-types` after changing a route's schema.
 */


export interface paths {
  "/v1/accounts": {
    /**
     * Register a shopper account, then sign in with POST /v1/sessions. Answers 202 the same way whether or not the e-mail was already registered (nothing is revealed); throttled per client address
     * @description Register a shopper account, then sign in with POST /v1/sessions. Answers 202 the same way whether or not the e-mail was already registered (nothing is revealed); throttled per client address
     */
    post: operations["registerShopper"];
  };
  "/v1/admin/accounts": {
    /**
     * Create a staff account (merchant staff, store associate, operator) or a shopper
     * @description Create a staff account (merchant staff, store associate, operator) or a shopper
     */
    post: operations["createAccount"];
  };
  "/v1/api-keys": {
    /**
     * The caller's API keys (never the keys themselves)
     * @description The caller's API keys (never the keys themselves)
     */
    get: operations["listApiKeys"];
    /**
     * Create an API key: publishable (storefronts; public routes only) or secret (acts as the merchant, or the platform for an operator key without merchantId; scopes read/write). The key is in this answer only.
     * @description Create an API key: publishable (storefronts; public routes only) or secret (acts as the merchant, or the platform for an operator key without merchantId; scopes read/write). The key is in this answer only.
     */
    post: operations["createApiKey"];
  };
  "/v1/api-keys/{keyId}": {
    /**
     * Revoke an API key: it stops working at once
     * @description Revoke an API key: it stops working at once
     */
    delete: operations["revokeApiKey"];
  };
  "/v1/brands": {
    /**
     * Registered brands
     * @description Registered brands
     */
    get: operations["listBrands"];
    /**
     * Register a brand with its trademark (operator)
     * @description Register a brand with its trademark (operator)
     */
    post: operations["registerBrand"];
  };
  "/v1/carts": {
    /**
     * Open a cart: a signed-in shopper gets their open cart for the channel; a guest a new one and a token (send it as X-Cart-Token)
     * @description Open a cart: a signed-in shopper gets their open cart for the channel; a guest a new one and a token (send it as X-Cart-Token)
     */
    post: operations["openCart"];
  };
  "/v1/carts/{cartId}": {
    /**
     * The cart and its lines
     * @description The cart and its lines
     */
    get: operations["getCart"];
  };
  "/v1/carts/{cartId}/checkout": {
    /**
     * Check out: re-price, reserve, create the order, pay — one transaction. Honours Idempotency-Key.
     * @description Check out: re-price, reserve, create the order, pay — one transaction. Honours Idempotency-Key.
     */
    post: operations["checkOut"];
  };
  "/v1/carts/{cartId}/fulfilment-options": {
    /**
     * How this cart can reach an address: express delivery from a store within 3 km, pickup slots, shipping, partner desks, split shipments; with reasons for what is not offered
     * @description How this cart can reach an address: express delivery from a store within 3 km, pickup slots, shipping, partner desks, split shipments; with reasons for what is not offered
     */
    get: operations["getFulfilmentOptions"];
  };
  "/v1/carts/{cartId}/lines": {
    /**
     * Add units of a SKU to the cart
     * @description Add units of a SKU to the cart
     */
    post: operations["addCartLine"];
  };
  "/v1/carts/{cartId}/lines/{skuId}": {
    /**
     * Set a line's quantity (0 removes it)
     * @description Set a line's quantity (0 removes it)
     */
    put: operations["setCartLine"];
  };
  "/v1/carts/{cartId}/merge": {
    /**
     * Merge a guest cart into the signed-in shopper's cart
     * @description Merge a guest cart into the signed-in shopper's cart
     */
    post: operations["mergeGuestCart"];
  };
  "/v1/categories": {
    /**
     * The category tree (flat, with parent ids)
     * @description The category tree (flat, with parent ids)
     */
    get: operations["listCategories"];
    /**
     * Add a category (operator)
     * @description Add a category (operator)
     */
    post: operations["createCategory"];
  };
  "/v1/fulfilments/{fulfilmentId}/pick": {
    /**
     * Record what was found on the shelf; short picks are refunded at once
     * @description Record what was found on the shelf; short picks are refunded at once
     */
    post: operations["recordPick"];
  };
  "/v1/fulfilments/{fulfilmentId}/return-to-sender": {
    /**
     * Send a partner-desk parcel back to the sender: its units go back to the location they left, the shopper is refunded, the merchants' payables are reversed. Before the collection deadline only an operator may, with a reason.
     * @description Send a partner-desk parcel back to the sender: its units go back to the location they left, the shopper is refunded, the merchants' payables are reversed. Before the collection deadline only an operator may, with a reason.
     */
    post: operations["returnToSender"];
  };
  "/v1/fulfilments/{fulfilmentId}/steps": {
    /**
     * Move a fulfilment one step: start_pick, pack, ready, dispatch, ship, send_to_partner, receive_at_partner, deliver (hand_over, return_to_sender and cancel have their own routes)
     * @description Move a fulfilment one step: start_pick, pack, ready, dispatch, ship, send_to_partner, receive_at_partner, deliver (hand_over, return_to_sender and cancel have their own routes)
     */
    post: operations["stepFulfilment"];
  };
  "/v1/fulfilments/{fulfilmentId}/unlock": {
    /**
     * Unlock a parcel locked after 5 wrong pickup codes, once the shopper's identity document was checked at the desk (audited); the shopper then gives their code again
     * @description Unlock a parcel locked after 5 wrong pickup codes, once the shopper's identity document was checked at the desk (audited); the shopper then gives their code again
     */
    post: operations["unlockParcel"];
  };
  "/v1/fx-quote": {
    /**
     * What an amount is in another currency now (rounded half to even); for showing prices in the shopper's currency
     * @description What an amount is in another currency now (rounded half to even); for showing prices in the shopper's currency
     */
    get: operations["getFxQuote"];
  };
  "/v1/fx-rates": {
    /**
     * Exchange rates, newest first
     * @description Exchange rates, newest first
     */
    get: operations["listFxRates"];
    /**
     * Set a rate (1 base = rate quote) from a time on
     * @description Set a rate (1 base = rate quote) from a time on
     */
    post: operations["setFxRate"];
  };
  "/v1/insights/breakdown": {
    /**
     * GMV, orders and units per merchant, store, category or channel
     * @description Same callers and scope as the summary. A merchant sees its own merchant row, and its stores and categories.
     */
    get: operations["getInsightsBreakdown"];
  };
  "/v1/insights/cohorts": {
    /**
     * Cohorts by first-purchase month with a retention matrix
     * @description Customers whose first purchase (up to asOf) fell in or after the month of `from`; retained[k] is how many bought again k months later.
     */
    get: operations["getInsightsCohorts"];
  };
  "/v1/insights/events": {
    /**
     * Record product views, searches, cart adds and checkouts started (beacons)
     * @description Anyone may send (storefront, app, till). Events are queued in memory and written in batches, so this answers at once and never slows the shop. A signed-in shopper's events land on their profile; anonymous ones carry a visitor key.
     */
    post: operations["captureInsightEvents"];
  };
  "/v1/insights/funnel": {
    /**
     * Conversion funnel: product view → cart add → order, in shoppers
     * @description Same callers and scope as the summary; a merchant counts views and cart adds of its products and orders of its lines.
     */
    get: operations["getInsightsFunnel"];
  };
  "/v1/insights/me/offers": {
    /**
     * Offers for the signed-in shopper (shown in the app)
     * @description Only offers sent to this shopper (never the control group), valid now and not yet used.
     */
    get: operations["listMyOffers"];
  };
  "/v1/insights/models/train": {
    /**
     * Retrain the recommender on every paid order up to asOf (operator)
     * @description What `mercato recs train` does. Orders paid later are added incrementally as they happen.
     */
    post: operations["trainRecommender"];
  };
  "/v1/insights/offers": {
    /**
     * Send an offer (a code) to a segment, holding out a control group
     * @description Operators, for any merchant or the marketplace; merchant staff for their own customers only (merchantId is theirs). The segment is evaluated now; controlPercent of it is held out (not sent) to measure uplift.
     */
    post: operations["createTargetedOffer"];
  };
  "/v1/insights/offers/{offerId}": {
    /**
     * An offer with its redemptions and uplift against the control group
     * @description Analysts and operators see any offer; merchant staff their own merchant's. Conversion = a paid order (any channel) in the offer's window.
     */
    get: operations["getTargetedOffer"];
  };
  "/v1/insights/offers/redemptions": {
    /**
     * Redeem an offer code for the identified shopper (at the till)
     * @description Store associates (at their own store) and operators. Once per shopper; only shoppers the offer was sent to; inside its window.
     */
    post: operations["redeemTargetedOffer"];
  };
  "/v1/insights/products/{skuId}/bought-together": {
    /**
     * SKUs most often bought together with this one (any channel)
     * @description Public: product and cart pages show it to everyone. Learned from co-purchases across web, app, till and imported history.
     */
    get: operations["getBoughtTogether"];
  };
  "/v1/insights/recommendations": {
    /**
     * Recommendations for a shopper: for you (next basket), buy again, or next in their sequence
     * @description A shopper gets their own; analysts and operators name one by internal id or by the import's external customer reference.
     */
    get: operations["getRecommendations"];
  };
  "/v1/insights/recommendations/rank": {
    /**
     * Rank given candidate SKUs for a shopper
     * @description Same callers as GET recommendations. Every candidate comes back once, best first (unknown SKUs score 0).
     */
    post: operations["rankCandidates"];
  };
  "/v1/insights/rfm": {
    /**
     * RFM per customer (recency in days to asOf, orders, total spend) with segments
     * @description All paid orders up to asOf. Scores 1–5 by quintile; segments from recency and frequency. Same callers as the summary.
     */
    get: operations["getInsightsRfm"];
  };
  "/v1/insights/summary": {
    /**
     * GMV, orders, customers, AOV, units, refunds, new vs returning, repeat rate, channel mix
     * @description For analysts and operators (every merchant, or one with merchantId) and merchant staff (their own lines only). Paid orders from every channel and the imported history, in [from, to) capped at asOf (default: the 30 days before asOf).
     */
    get: operations["getInsightsSummary"];
  };
  "/v1/insights/top-products": {
    /**
     * Best-selling SKUs by units, with orders and GMV
     * @description Same callers and scope as the summary.
     */
    get: operations["getInsightsTopProducts"];
  };
  "/v1/insights/zero-result-searches": {
    /**
     * Searches that found nothing, most frequent first
     * @description Analysts and operators only: search terms are not a merchant's data.
     */
    get: operations["getZeroResultSearches"];
  };
  "/v1/inventory/availability": {
    /**
     * Available to promise per SKU, per live location and across the network
     * @description Available to promise per SKU, per live location and across the network
     */
    get: operations["getAvailability"];
  };
  "/v1/inventory/reservations": {
    /**
     * Hold units for a cart, all lines or none (a single line goes through the flash-sale coalescer)
     * @description Hold units for a cart, all lines or none (a single line goes through the flash-sale coalescer)
     */
    post: operations["createReservation"];
  };
  "/v1/inventory/reservations/{reservationId}": {
    /**
     * One of your reservations
     * @description One of your reservations
     */
    get: operations["getReservation"];
  };
  "/v1/inventory/reservations/{reservationId}/release": {
    /**
     * Give the held units back
     * @description Give the held units back
     */
    post: operations["releaseReservation"];
  };
  "/v1/ip-complaints": {
    /**
     * Complaints the caller is party to (operators: all)
     * @description Complaints the caller is party to (operators: all)
     */
    get: operations["listIpComplaints"];
  };
  "/v1/ip-complaints/{complaintId}": {
    /**
     * One complaint with its audit trail
     * @description One complaint with its audit trail
     */
    get: operations["getIpComplaint"];
  };
  "/v1/ip-complaints/{complaintId}/transitions": {
    /**
     * counter_notice (seller, within the window), reinstate or remove (operator)
     * @description counter_notice (seller, within the window), reinstate or remove (operator)
     */
    post: operations["transitionIpComplaint"];
  };
  "/v1/launch-programmes/{programmeId}": {
    /**
     * Programme progress: GMV to date, daily series, projection, on track or at risk
     * @description Programme progress: GMV to date, daily series, projection, on track or at risk
     */
    get: operations["getLaunchProgramme"];
    /**
     * Set the GMV target and agreed rates (operator)
     * @description Set the GMV target and agreed rates (operator)
     */
    patch: operations["updateLaunchProgramme"];
  };
  "/v1/ledger/check": {
    /**
     * Verify every ledger invariant
     * @description Verify every ledger invariant
     */
    get: operations["checkLedger"];
  };
  "/v1/locations": {
    /**
     * Live stores, warehouses and pickup points (operators may add include_inactive=true)
     * @description Live stores, warehouses and pickup points (operators may add include_inactive=true)
     */
    get: operations["listLocations"];
    /**
     * Open a location (operator)
     * @description Open a location (operator)
     */
    post: operations["createLocation"];
  };
  "/v1/locations/{locationId}": {
    /**
     * One location
     * @description One location
     */
    get: operations["getLocation"];
    /**
     * Close a location for good (archived: gone from lists and searches, history kept)
     * @description Close a location for good (archived: gone from lists and searches, history kept)
     */
    delete: operations["archiveLocation"];
    /**
     * Change a location's settings (operator)
     * @description Change a location's settings (operator)
     */
    patch: operations["updateLocation"];
  };
  "/v1/locations/{locationId}/fulfilments": {
    /**
     * The location's work queue: fulfilments to pick, pack and hand out, by slot
     * @description The location's work queue: fulfilments to pick, pack and hand out, by slot
     */
    get: operations["listLocationFulfilments"];
  };
  "/v1/locations/{locationId}/handovers": {
    /**
     * Hand a pickup or partner parcel to the shopper: the parcel and the 6-digit code the shopper gives, or the QR payload scanned from their app. Wrong codes are counted per parcel; after 5 the parcel locks.
     * @description Hand a pickup or partner parcel to the shopper: the parcel and the 6-digit code the shopper gives, or the QR payload scanned from their app. Wrong codes are counted per parcel; after 5 the parcel locks.
     */
    post: operations["handOverParcel"];
  };
  "/v1/locations/{locationId}/opening-hours": {
    /**
     * Weekly opening hours and exceptions (local time)
     * @description Weekly opening hours and exceptions (local time)
     */
    get: operations["getOpeningHours"];
    /**
     * Replace opening hours and exceptions (operator, or the location's associate)
     * @description Replace opening hours and exceptions (operator, or the location's associate)
     */
    put: operations["setOpeningHours"];
  };
  "/v1/locations/{locationId}/pickup-slots": {
    /**
     * Pickup slots of a local date with remaining capacity
     * @description Pickup slots of a local date with remaining capacity
     */
    get: operations["listPickupSlots"];
  };
  "/v1/locations/{locationId}/pickup-slots/bookings": {
    /**
     * Book a place in a pickup slot (store desk; checkout books through the orders flow)
     * @description Book a place in a pickup slot (store desk; checkout books through the orders flow)
     */
    post: operations["bookPickupSlot"];
  };
  "/v1/locations/{locationId}/pickup-slots/bookings/{bookingId}": {
    /**
     * Give a pickup slot place back
     * @description Give a pickup slot place back
     */
    delete: operations["cancelPickupSlotBooking"];
  };
  "/v1/locations/{locationId}/returns": {
    /**
     * Take back items of an order from any channel at this store: stock into this store, refund to the original method or the wallet
     * @description Take back items of an order from any channel at this store: stock into this store, refund to the original method or the wallet
     */
    post: operations["takeReturn"];
  };
  "/v1/locations/{locationId}/stock": {
    /**
     * Stock at a location (associates: their own; merchants: their SKUs)
     * @description Stock at a location (associates: their own; merchants: their SKUs)
     */
    get: operations["listLocationStock"];
  };
  "/v1/locations/{locationId}/stock/movements": {
    /**
     * The stock journal of a location, newest first
     * @description The stock journal of a location, newest first
     */
    get: operations["listStockMovements"];
    /**
     * Record a receipt, adjustment (signed), count (the counted total) or damage at a location
     * @description Record a receipt, adjustment (signed), count (the counted total) or damage at a location
     */
    post: operations["recordStockMovement"];
  };
  "/v1/locations/{locationId}/stock/transfers": {
    /**
     * Send units from this location to another
     * @description Send units from this location to another
     */
    post: operations["transferStock"];
  };
  "/v1/locations/{locationId}/till/charges": {
    /**
     * At the till: identify the shopper by member code and charge the wallet
     * @description At the till: identify the shopper by member code and charge the wallet
     */
    post: operations["chargeAtTill"];
  };
  "/v1/locations/nearby": {
    /**
     * Live locations within a radius of a point, nearest first, with stock of the given SKUs
     * @description Live locations within a radius of a point, nearest first, with stock of the given SKUs
     */
    get: operations["listNearbyLocations"];
  };
  "/v1/me": {
    /**
     * The signed-in account
     * @description The signed-in account
     */
    get: operations["getMe"];
    /**
     * Change the signed-in account's name, language or preferred currency (remembered across devices)
     * @description Change the signed-in account's name, language or preferred currency (remembered across devices)
     */
    patch: operations["updateMe"];
  };
  "/v1/member-devices": {
    /**
     * The shopper's member-code devices
     * @description The shopper's member-code devices
     */
    get: operations["listMemberDevices"];
    /**
     * Register this device for member codes
     * @description Register this device for member codes
     */
    post: operations["registerMemberDevice"];
  };
  "/v1/member-devices/{deviceId}": {
    /**
     * Revoke a device: its member codes stop working
     * @description Revoke a device: its member codes stop working
     */
    delete: operations["revokeMemberDevice"];
  };
  "/v1/member-devices/{deviceId}/code": {
    /**
     * The member code to show now (rotates every 30 s), with its QR image
     * @description The member code to show now (rotates every 30 s), with its QR image
     */
    get: operations["getMemberCode"];
  };
  "/v1/merchants": {
    /**
     * Merchants visible to the caller
     * @description Merchants visible to the caller
     */
    get: operations["listMerchants"];
    /**
     * Create a merchant (operator)
     * @description Create a merchant (operator)
     */
    post: operations["createMerchant"];
  };
  "/v1/merchants/{merchantId}": {
    /**
     * One merchant
     * @description One merchant
     */
    get: operations["getMerchant"];
    /**
     * Change a merchant's company data
     * @description Change a merchant's company data
     */
    patch: operations["updateMerchant"];
  };
  "/v1/merchants/{merchantId}/balances": {
    /**
     * What the platform owes the merchant (settled, not paid out) and has paid out, per currency
     * @description What the platform owes the merchant (settled, not paid out) and has paid out, per currency
     */
    get: operations["getMerchantBalances"];
  };
  "/v1/merchants/{merchantId}/brand-authorisations": {
    /**
     * Authorisations the merchant granted or holds
     * @description Authorisations the merchant granted or holds
     */
    get: operations["listBrandAuthorisations"];
    /**
     * As brand owner, authorise a reseller for a period
     * @description As brand owner, authorise a reseller for a period
     */
    post: operations["grantBrandAuthorisation"];
  };
  "/v1/merchants/{merchantId}/brand-authorisations/{authorisationId}/revoke": {
    /**
     * Revoke an authorisation (its listings hide at once)
     * @description Revoke an authorisation (its listings hide at once)
     */
    post: operations["revokeBrandAuthorisation"];
  };
  "/v1/merchants/{merchantId}/ip-complaints": {
    /**
     * As brand owner, report a listing (it is suspended at once)
     * @description As brand owner, report a listing (it is suspended at once)
     */
    post: operations["fileIpComplaint"];
  };
  "/v1/merchants/{merchantId}/launch-programmes": {
    /**
     * A merchant's launch programmes
     * @description A merchant's launch programmes
     */
    get: operations["listLaunchProgrammes"];
  };
  "/v1/merchants/{merchantId}/onboarding-applications": {
    /**
     * Apply: company data and claimed brands (a draft until submitted)
     * @description Apply: company data and claimed brands (a draft until submitted)
     */
    post: operations["createOnboardingApplication"];
  };
  "/v1/merchants/{merchantId}/price-lists": {
    /**
     * The merchant's price lists
     * @description The merchant's price lists
     */
    get: operations["listPriceLists"];
    /**
     * Create a retail or wholesale (B2B) price list
     * @description Create a retail or wholesale (B2B) price list
     */
    post: operations["createPriceList"];
  };
  "/v1/merchants/{merchantId}/price-lists/{priceListId}/buyers": {
    /**
     * Assign a business buyer (account) to a wholesale list
     * @description Assign a business buyer (account) to a wholesale list
     */
    post: operations["assignPriceListBuyer"];
  };
  "/v1/merchants/{merchantId}/price-lists/{priceListId}/items": {
    /**
     * SKUs on a list with MOQ and tiers
     * @description SKUs on a list with MOQ and tiers
     */
    get: operations["listPriceListItems"];
  };
  "/v1/merchants/{merchantId}/price-lists/{priceListId}/items/{skuId}": {
    /**
     * Put a SKU on a list: MOQ and quantity tiers (the first tier starts at the MOQ)
     * @description Put a SKU on a list: MOQ and quantity tiers (the first tier starts at the MOQ)
     */
    put: operations["setPriceListItem"];
  };
  "/v1/merchants/{merchantId}/products": {
    /**
     * The merchant's catalogue, most recently changed first
     * @description The merchant's catalogue, most recently changed first
     */
    get: operations["listMerchantProducts"];
    /**
     * Create a product with its SKUs, translations and images
     * @description Create a product with its SKUs, translations and images
     */
    post: operations["createProduct"];
  };
  "/v1/merchants/{merchantId}/products/{productId}": {
    /**
     * One of the merchant's products
     * @description One of the merchant's products
     */
    get: operations["getMerchantProduct"];
    /**
     * Change a product; SKUs are upserted by code
     * @description Change a product; SKUs are upserted by code
     */
    patch: operations["updateProduct"];
  };
  "/v1/merchants/{merchantId}/settlement-runs": {
    /**
     * A merchant's payout statements
     * @description A merchant's payout statements
     */
    get: operations["listSettlementRuns"];
  };
  "/v1/merchants/{merchantId}/settlement-runs/{runId}/statement.csv": {
    /**
     * A payout statement as CSV
     * @description A payout statement as CSV
     */
    get: operations["getSettlementStatementCsv"];
  };
  "/v1/merchants/{merchantId}/skus/{skuId}/retail-prices/{currency}": {
    /**
     * Set a SKU's retail unit price in a currency
     * @description Set a SKU's retail unit price in a currency
     */
    put: operations["setRetailPrice"];
  };
  "/v1/merchants/{merchantId}/stock": {
    /**
     * A merchant's stock at every location
     * @description A merchant's stock at every location
     */
    get: operations["listMerchantStock"];
  };
  "/v1/merchants/{merchantId}/storefronts": {
    /**
     * A merchant's storefronts
     * @description A merchant's storefronts
     */
    get: operations["listStorefronts"];
    /**
     * Create a storefront
     * @description Create a storefront
     */
    post: operations["createStorefront"];
  };
  "/v1/merchants/{merchantId}/storefronts/{storefrontId}": {
    /**
     * Change a storefront (name, slug, logo, descriptions)
     * @description Change a storefront (name, slug, logo, descriptions)
     */
    patch: operations["updateStorefront"];
  };
  "/v1/onboarding-applications": {
    /**
     * Applications (operators: the review queue; `atRisk=true` for those at risk)
     * @description Applications (operators: the review queue; `atRisk=true` for those at risk)
     */
    get: operations["listOnboardingApplications"];
  };
  "/v1/onboarding-applications/{applicationId}": {
    /**
     * One application with documents, history, days left and late steps
     * @description One application with documents, history, days left and late steps
     */
    get: operations["getOnboardingApplication"];
  };
  "/v1/onboarding-applications/{applicationId}/documents": {
    /**
     * Upload a document (multipart: field `kind`, then the file; PDF, PNG or JPEG, at most 5 MiB)
     * @description Upload a document (multipart: field `kind`, then the file; PDF, PNG or JPEG, at most 5 MiB)
     */
    post: operations["uploadOnboardingDocument"];
  };
  "/v1/onboarding-applications/{applicationId}/documents/{documentId}": {
    /**
     * Download a document (with its SHA-256 in the ETag)
     * @description Download a document (with its SHA-256 in the ETag)
     */
    get: operations["downloadOnboardingDocument"];
  };
  "/v1/onboarding-applications/{applicationId}/transitions": {
    /**
     * Take a step: submit, start_review, request_changes, resubmit, approve, reject, configure_storefront, go_live
     * @description Take a step: submit, start_review, request_changes, resubmit, approve, reject, configure_storefront, go_live
     */
    post: operations["transitionOnboardingApplication"];
  };
  "/v1/orders": {
    /**
     * The signed-in shopper's orders from every channel (web, app, till), newest first
     * @description The signed-in shopper's orders from every channel (web, app, till), newest first
     */
    get: operations["listMyOrders"];
  };
  "/v1/orders/{orderId}": {
    /**
     * One order: its shopper, the operator, merchants with lines in it (their lines only), associates of its stores
     * @description One order: its shopper, the operator, merchants with lines in it (their lines only), associates of its stores
     */
    get: operations["getOrder"];
  };
  "/v1/orders/{orderId}/cancel": {
    /**
     * Cancel before picking starts: stock released, payment refunded
     * @description Cancel before picking starts: stock released, payment refunded
     */
    post: operations["cancelOrder"];
  };
  "/v1/orders/{orderId}/fulfilments/{fulfilmentId}/pickup-code": {
    /**
     * Re-issue the pickup code of a parcel waiting for collection: the old code stops working and a locked parcel unlocks
     * @description Re-issue the pickup code of a parcel waiting for collection: the old code stops working and a locked parcel unlocks
     */
    post: operations["reissuePickupCode"];
  };
  "/v1/orders/{orderId}/history": {
    /**
     * Every transition of the order and its fulfilments: who, when, what
     * @description Every transition of the order and its fulfilments: who, when, what
     */
    get: operations["getOrderHistory"];
  };
  "/v1/orders/{orderId}/refunds": {
    /**
     * Refund part of a paid order without a return (goodwill): spread over its lines in proportion, merchants' payables reversed for their share. The only way to refund an order's payment.
     * @description Refund part of a paid order without a return (goodwill): spread over its lines in proportion, merchants' payables reversed for their share. The only way to refund an order's payment.
     */
    post: operations["refundOrder"];
  };
  "/v1/pavilions": {
    /**
     * Curated pavilions with their live storefronts
     * @description Curated pavilions with their live storefronts
     */
    get: operations["listPavilions"];
    /**
     * Create a pavilion (operator)
     * @description Create a pavilion (operator)
     */
    post: operations["createPavilion"];
  };
  "/v1/pavilions/{pavilionId}/storefronts": {
    /**
     * Set the storefronts a pavilion groups, in display order (operator)
     * @description Set the storefronts a pavilion groups, in display order (operator)
     */
    put: operations["setPavilionStorefronts"];
  };
  "/v1/payment-intents": {
    /**
     * Create a payment intent for an order (checked against the order's amount and currency)
     * @description Create a payment intent for an order (checked against the order's amount and currency)
     */
    post: operations["createPaymentIntent"];
  };
  "/v1/payment-intents/{intentId}": {
    /**
     * One payment intent
     * @description One payment intent
     */
    get: operations["getPaymentIntent"];
  };
  "/v1/payment-intents/{intentId}/authorise": {
    /**
     * Authorise with the intent's provider (wallet at once; card sandbox and Alipay by notification)
     * @description Authorise with the intent's provider (wallet at once; card sandbox and Alipay by notification)
     */
    post: operations["authorisePaymentIntent"];
  };
  "/v1/payment-intents/{intentId}/cancel": {
    /**
     * Cancel an intent not yet captured (a wallet hold is released)
     * @description Cancel an intent not yet captured (a wallet hold is released)
     */
    post: operations["cancelPaymentIntent"];
  };
  "/v1/payment-intents/{intentId}/capture": {
    /**
     * Capture an authorised intent, in full or in part
     * @description Capture an authorised intent, in full or in part
     */
    post: operations["capturePaymentIntent"];
  };
  "/v1/payment-intents/{intentId}/refund": {
    /**
     * Refund part or all of what was captured (never more) of a top-up. An intent that pays an order answers 409 payments.refund_through_order: refund it with POST /v1/orders/{orderId}/refunds, so the order and the merchants' settlement follow.
     * @description Refund part or all of what was captured (never more) of a top-up. An intent that pays an order answers 409 payments.refund_through_order: refund it with POST /v1/orders/{orderId}/refunds, so the order and the merchants' settlement follow.
     */
    post: operations["refundPaymentIntent"];
  };
  "/v1/payment-intents/{intentId}/sandbox-challenge": {
    /**
     * Answer the card sandbox's 3-D Secure challenge
     * @description Answer the card sandbox's 3-D Secure challenge
     */
    post: operations["answerSandboxChallenge"];
  };
  "/v1/payments/notifications/alipay": {
    /**
     * Alipay asynchronous notification (form-encoded, RSA2-signed); answers "success"
     * @description Alipay asynchronous notification (form-encoded, RSA2-signed); answers "success"
     */
    post: operations["receiveAlipayNotification"];
  };
  "/v1/payments/notifications/card_sandbox": {
    /**
     * Card sandbox notification (JSON, HMAC-SHA256 in x-sandbox-signature)
     * @description Card sandbox notification (JSON, HMAC-SHA256 in x-sandbox-signature)
     */
    post: operations["receiveCardSandboxNotification"];
  };
  "/v1/payments/order-settlements/{orderId}": {
    /**
     * Settle an order's paid lines to merchants (and reverse refunded parts); repeating changes nothing
     * @description Settle an order's paid lines to merchants (and reverse refunded parts); repeating changes nothing
     */
    post: operations["settleOrder"];
  };
  "/v1/price-quotes": {
    /**
     * Price lines for the caller: retail, or the business buyer's wholesale tiers (MOQ enforced)
     * @description Price lines for the caller: retail, or the business buyer's wholesale tiers (MOQ enforced)
     */
    post: operations["quotePrices"];
  };
  "/v1/products/{productId}": {
    /**
     * A listed product as shoppers see it
     * @description A listed product as shoppers see it
     */
    get: operations["getProduct"];
  };
  "/v1/search": {
    /**
     * Search listed products (full text per language, Chinese substrings, typo tolerant) with facets
     * @description Search listed products (full text per language, Chinese substrings, typo tolerant) with facets
     */
    get: operations["searchProducts"];
  };
  "/v1/sessions": {
    /**
     * Sign in with email and password; answers a bearer token
     * @description Sign in with email and password; answers a bearer token
     */
    post: operations["signIn"];
  };
  "/v1/sessions/current": {
    /**
     * Sign out: the bearer token stops working
     * @description Sign out: the bearer token stops working
     */
    delete: operations["signOut"];
  };
  "/v1/settlement-runs": {
    /**
     * Close a period: a payout statement per merchant and currency
     * @description Close a period: a payout statement per merchant and currency
     */
    post: operations["runSettlement"];
  };
  "/v1/skus/by-barcode/{barcode}": {
    /**
     * Find a SKU by its EAN-13 (till, receiving)
     * @description Find a SKU by its EAN-13 (till, receiving)
     */
    get: operations["getSkuByBarcode"];
  };
  "/v1/till/baskets": {
    /**
     * Open a basket at the associate's store
     * @description Open a basket at the associate's store
     */
    post: operations["openTillBasket"];
  };
  "/v1/till/baskets/{basketId}/items": {
    /**
     * Scan a barcode into the basket
     * @description Scan a barcode into the basket
     */
    post: operations["scanTillItem"];
  };
  "/v1/till/baskets/{basketId}/member": {
    /**
     * Identify the shopper by the member code shown in their app
     * @description Identify the shopper by the member code shown in their app
     */
    post: operations["identifyTillMember"];
  };
  "/v1/till/baskets/{basketId}/payment": {
    /**
     * Take payment (wallet or card) and print the receipt; optionally deliver the basket home from this store
     * @description Take payment (wallet or card) and print the receipt; optionally deliver the basket home from this store
     */
    post: operations["payTillBasket"];
  };
  "/v1/wallet": {
    /**
     * The signed-in shopper's wallets, one per currency
     * @description The signed-in shopper's wallets, one per currency
     */
    get: operations["listWallets"];
  };
  "/v1/wallet/payments": {
    /**
     * Pay from the wallet (for an order, or a plain charge)
     * @description Pay from the wallet (for an order, or a plain charge)
     */
    post: operations["payFromWallet"];
  };
  "/v1/wallet/statement": {
    /**
     * Wallet statement, newest first, with cursor pagination
     * @description Wallet statement, newest first, with cursor pagination
     */
    get: operations["getWalletStatement"];
  };
  "/v1/wallet/top-ups": {
    /**
     * Top up the wallet through the card sandbox or Alipay; the wallet is credited when the provider confirms
     * @description Top up the wallet through the card sandbox or Alipay; the wallet is credited when the provider confirms
     */
    post: operations["topUpWallet"];
  };
  "/v1/webhook-deliveries/{deliveryId}/replay": {
    /**
     * Send a delivery again (same event id and body), e.g. a dead-lettered one once the receiver is fixed
     * @description Send a delivery again (same event id and body), e.g. a dead-lettered one once the receiver is fixed
     */
    post: operations["replayWebhookDelivery"];
  };
  "/v1/webhook-subscriptions": {
    /**
     * Subscriptions the caller manages (an operator sees all, or one merchant's with merchantId)
     * @description Subscriptions the caller manages (an operator sees all, or one merchant's with merchantId)
     */
    get: operations["listWebhookSubscriptions"];
    /**
     * Subscribe a URL to topics. Merchant staff subscribe for their merchant; an operator for the platform or, with merchantId, for a merchant. The signing secret is in this answer only.
     * @description Subscribe a URL to topics. Merchant staff subscribe for their merchant; an operator for the platform or, with merchantId, for a merchant. The signing secret is in this answer only.
     */
    post: operations["createWebhookSubscription"];
  };
  "/v1/webhook-subscriptions/{subscriptionId}": {
    /**
     * One subscription
     * @description One subscription
     */
    get: operations["getWebhookSubscription"];
    /**
     * Delete a subscription with its delivery log
     * @description Delete a subscription with its delivery log
     */
    delete: operations["deleteWebhookSubscription"];
    /**
     * Change URL, topics or description; status active re-enables a disabled subscription (its waiting deliveries then go out)
     * @description Change URL, topics or description; status active re-enables a disabled subscription (its waiting deliveries then go out)
     */
    patch: operations["updateWebhookSubscription"];
  };
  "/v1/webhook-subscriptions/{subscriptionId}/deliveries": {
    /**
     * The delivery log: newest first, each with its attempts and the receiver's status codes
     * @description The delivery log: newest first, each with its attempts and the receiver's status codes
     */
    get: operations["listWebhookDeliveries"];
  };
  "/v1/webhook-topics": {
    /**
     * The event catalogue: every topic a subscription may name, with its version and payload schema
     * @description The event catalogue: every topic a subscription may name, with its version and payload schema
     */
    get: operations["listWebhookTopics"];
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    Account: {
      /** Format: date-time */
      createdAt: string;
      /** @description Preferred currency; null follows the language */
      currency: string | null;
      displayName: string;
      email: string;
      /** Format: uuid */
      id: string;
      locale: "es" | "it" | "en" | "zh";
      locationId: string | null;
      merchantId: string | null;
      role: "shopper" | "merchant" | "associate" | "operator" | "analyst";
    };
    ApiKey: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      kind: "publishable" | "secret";
      merchantId: string | null;
      name: string;
      /** @description First characters of the key, to recognise it */
      prefix: string;
      revokedAt: string | null;
      scopes: ("read" | "write")[];
    };
    Brand: {
      /** Format: uuid */
      id: string;
      name: string;
      /** Format: uuid */
      ownerMerchantId: string;
      slug: string;
      trademarkClasses: number[];
      trademarkExpiresOn: string;
      trademarkNumber: string;
      trademarkOffice: string;
      [key: string]: unknown;
    };
    BrandAuthorisation: {
      /** Format: uuid */
      brandId: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      merchantId: string;
      revokedAt: string | null;
      /** @description Which products it covers (free text) */
      scope: string;
      territories: string[] | null;
      /** Format: date-time */
      validFrom: string;
      /** Format: date-time */
      validTo: string;
      [key: string]: unknown;
    };
    IpComplaint: {
      /** Format: uuid */
      brandId: string;
      /** Format: date-time */
      counterNoticeDueAt: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      productId: string;
      status: string;
      [key: string]: unknown;
    };
    LaunchProgramme: {
      /** Format: date-time */
      endsAt: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      merchantId: string;
      /** Format: date-time */
      startsAt: string;
      /** Format: uuid */
      storefrontId: string;
      targetCurrency: string;
      targetMinor: number;
      [key: string]: unknown;
    };
    Location: {
      acceptsReturns: boolean;
      activeFrom: string | null;
      activeTo: string | null;
      address: string;
      archivedAt: string | null;
      city: string;
      code: string;
      country: string;
      /** Format: date-time */
      createdAt: string;
      deliveryRadiusM: number;
      /** Format: uuid */
      id: string;
      kind: string;
      latitude: number;
      localDelivery: boolean;
      longitude: number;
      name: string;
      offersPickup: boolean;
      partnerName: string | null;
      pickupLeadMinutes: number;
      pickupSlotCapacity: number;
      pickupSlotMinutes: number;
      shipsOrders: boolean;
      timeZone: string;
    };
    Merchant: {
      commissionBps: number;
      country: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      kind: string;
      legalName: string;
      settlementCurrency: string;
      status: string;
    };
    OnboardingApplication: {
      deadline: {
        atRisk: boolean;
        daysLeft: number | null;
        lateSteps: {
            /** Format: date-time */
            dueAt: string;
            stage: string;
            [key: string]: unknown;
          }[];
        overdue: boolean;
        [key: string]: unknown;
      };
      deadlineAt: string | null;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      merchantId: string;
      stageTimes: {
        [key: string]: string;
      };
      status: string;
      submittedAt: string | null;
      [key: string]: unknown;
    };
    PaymentIntent: {
      accountId: string | null;
      amountMinor: number;
      capturedMinor: number;
      captureMethod: string;
      /** Format: date-time */
      createdAt: string;
      currency: string;
      failureCode: string | null;
      fxConversionId?: string | null;
      /** Format: uuid */
      id: string;
      orderId: string | null;
      provider: string;
      providerReference: string | null;
      purpose: string;
      refundedMinor: number;
      status: string;
      /** Format: date-time */
      updatedAt: string;
      walletAmountMinor?: number | null;
      walletCurrency?: string | null;
    };
    PriceList: {
      code: string;
      currency: string;
      /** Format: uuid */
      id: string;
      kind: string;
      /** Format: uuid */
      merchantId: string;
      name: string;
      [key: string]: unknown;
    };
    Problem: {
      code: string;
      detail: string;
      errors?: {
          field: string;
          message: string;
        }[];
      instance: string;
      requestId: string;
      status: number;
      title: string;
      type: string;
      [key: string]: unknown;
    };
    Product: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      listed: boolean;
      /** Format: uuid */
      merchantId: string;
      productCode: string;
      skus: {
          /** Format: uuid */
          id: string;
          skuCode: string;
          [key: string]: unknown;
        }[];
      status: string;
      /** Format: date-time */
      updatedAt: string;
      [key: string]: unknown;
    };
    Reservation: {
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: uuid */
      id: string;
      lines: {
          /** Format: uuid */
          locationId: string;
          quantity: number;
          /** Format: uuid */
          skuId: string;
        }[];
      reference: string;
      settledAt: string | null;
      status: string;
    };
    StockMovement: {
      actorAccountId: string | null;
      /** Format: date-time */
      createdAt: string;
      id: number;
      kind: string;
      /** Format: uuid */
      locationId: string;
      onHandAfter: number;
      quantity: number;
      reason: string;
      reference: string | null;
      /** Format: uuid */
      skuId: string;
    };
    StockRow: {
      available: number;
      /** Format: uuid */
      locationId: string;
      /** Format: uuid */
      merchantId: string;
      onHand: number;
      reserved: number;
      skuCode: string;
      /** Format: uuid */
      skuId: string;
      /** Format: date-time */
      updatedAt: string;
    };
    Storefront: {
      /** Format: date-time */
      createdAt: string;
      description: {
        [key: string]: string;
      };
      /** Format: uuid */
      id: string;
      liveAt: string | null;
      logoUrl: string | null;
      /** Format: uuid */
      merchantId: string;
      name: string;
      slug: string;
      status: string;
      [key: string]: unknown;
    };
    WebhookDelivery: {
      /** @description Attempts in the current round */
      attempts: number;
      /** Format: date-time */
      createdAt: string;
      deliveredAt: string | null;
      /** Format: uuid */
      eventId: string;
      /** Format: uuid */
      id: string;
      lastError: string | null;
      lastStatusCode: number | null;
      /** Format: date-time */
      nextAttemptAt: string;
      /** @description dead: every attempt failed (dead-letter); replay sends it again */
      status: "pending" | "delivering" | "succeeded" | "dead";
      /** Format: uuid */
      subscriptionId: string;
      topic: string;
    };
    WebhookSubscription: {
      /** @description Failed attempts in a row; the subscription is disabled when it reaches the limit */
      consecutiveFailures: number;
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      disabledAt: string | null;
      disabledReason: string | null;
      /** Format: uuid */
      id: string;
      /** @description null: a platform subscription (every merchant's events) */
      merchantId: string | null;
      status: "active" | "disabled";
      topics: string[];
      url: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export interface operations {

  /**
   * Register a shopper account, then sign in with POST /v1/sessions. Answers 202 the same way whether or not the e-mail was already registered (nothing is revealed); throttled per client address
   * @description Register a shopper account, then sign in with POST /v1/sessions. Answers 202 the same way whether or not the e-mail was already registered (nothing is revealed); throttled per client address
   */
  registerShopper: {
    requestBody: {
      content: {
        "application/json": {
          displayName: string;
          /** Format: email */
          email: string;
          locale?: "es" | "it" | "en" | "zh";
          /** @description At least 10 characters, not one character repeated or only spaces, not containing the e-mail's local part, not a common password */
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        content: {
          "application/json": {
            message: string;
            /** @enum {string} */
            status: "accepted";
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (429) */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create a staff account (merchant staff, store associate, operator) or a shopper
   * @description Create a staff account (merchant staff, store associate, operator) or a shopper
   */
  createAccount: {
    requestBody: {
      content: {
        "application/json": {
          displayName: string;
          /** Format: email */
          email: string;
          locale?: "es" | "it" | "en" | "zh";
          /** Format: uuid */
          locationId?: string;
          /** Format: uuid */
          merchantId?: string;
          /** @description At least 10 characters, not one character repeated or only spaces, not containing the e-mail's local part, not a common password */
          password: string;
          role: "shopper" | "merchant" | "associate" | "operator" | "analyst";
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Account"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The caller's API keys (never the keys themselves)
   * @description The caller's API keys (never the keys themselves)
   */
  listApiKeys: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["ApiKey"][];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create an API key: publishable (storefronts; public routes only) or secret (acts as the merchant, or the platform for an operator key without merchantId; scopes read/write). The key is in this answer only.
   * @description Create an API key: publishable (storefronts; public routes only) or secret (acts as the merchant, or the platform for an operator key without merchantId; scopes read/write). The key is in this answer only.
   */
  createApiKey: {
    requestBody: {
      content: {
        "application/json": {
          kind: "publishable" | "secret";
          /** Format: uuid */
          merchantId?: string;
          name: string;
          scopes?: ("read" | "write")[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["ApiKey"] & {
            /** @description Send as the x-api-key header; stored only as a hash */
            key: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Revoke an API key: it stops working at once
   * @description Revoke an API key: it stops working at once
   */
  revokeApiKey: {
    parameters: {
      path: {
        keyId: string;
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Registered brands
   * @description Registered brands
   */
  listBrands: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["Brand"][];
          };
        };
      };
    };
  };
  /**
   * Register a brand with its trademark (operator)
   * @description Register a brand with its trademark (operator)
   */
  registerBrand: {
    requestBody: {
      content: {
        "application/json": {
          name: string;
          /** Format: uuid */
          ownerMerchantId: string;
          slug: string;
          trademarkClasses: number[];
          /** Format: date */
          trademarkExpiresOn: string;
          trademarkNumber: string;
          trademarkOffice: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Brand"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Open a cart: a signed-in shopper gets their open cart for the channel; a guest a new one and a token (send it as X-Cart-Token)
   * @description Open a cart: a signed-in shopper gets their open cart for the channel; a guest a new one and a token (send it as X-Cart-Token)
   */
  openCart: {
    requestBody: {
      content: {
        "application/json": {
          channel: "web" | "app";
          currency: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            cartId: string;
            guestToken?: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The cart and its lines
   * @description The cart and its lines
   */
  getCart: {
    parameters: {
      path: {
        cartId: string;
      };
    };
    responses: {
      /** @description A cart priced for its buyer now; amounts in minor units of `currency` */
      200: {
        content: {
          "application/json": {
            accountId: string | null;
            channel: string;
            /** @description Every line can be sold and priced */
            checkoutReady: boolean;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** Format: uuid */
            id: string;
            lines: ({
                amountMinor: number | null;
                merchantId: string | null;
                /** @description Why this line cannot be sold now; null when it can */
                problem: {
                  code: string;
                  detail: string;
                  [key: string]: unknown;
                } | null;
                productId: string | null;
                quantity: number;
                skuCode: string | null;
                /** Format: uuid */
                skuId: string;
                unitPriceMinor: number | null;
                [key: string]: unknown;
              })[];
            locationId: string | null;
            /** @description open | merged | converted | abandoned */
            status: string;
            subtotalMinor: number;
            /** Format: date-time */
            updatedAt: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Check out: re-price, reserve, create the order, pay — one transaction. Honours Idempotency-Key.
   * @description Check out: re-price, reserve, create the order, pay — one transaction. Honours Idempotency-Key.
   */
  checkOut: {
    parameters: {
      path: {
        cartId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          destination: {
            address?: string;
            city?: string;
            country?: string;
            latitude: number;
            longitude: number;
          };
          optionId: string;
          payment: {
            provider: "wallet" | "card_sandbox" | "alipay";
            /** @description Wallet only: pay from the wallet in this currency, converted at checkout at the rate in effect (recorded) */
            walletCurrency?: string;
          };
          /** Format: date-time */
          slotStart?: string;
        };
      };
    };
    responses: {
      /** @description The placed order and what the shopper must do next to pay */
      201: {
        content: {
          "application/json": {
            currency: string;
            nextAction: ({
              gateway?: string;
              params?: {
                [key: string]: string;
              };
              provider?: string;
              /** @description none | await_notification | alipay_request */
              type: string;
              [key: string]: unknown;
            }) | null;
            /** Format: uuid */
            orderId: string;
            /** Format: uuid */
            paymentIntentId: string;
            /** @description paid (wallet) or pending_payment (awaiting the provider) */
            status: string;
            totalMinor: number;
            /** @description Paid from a wallet in another currency: converted at checkout, the conversion recorded */
            walletPayment?: {
              /** @description What left the wallet, in its currency */
              amountMinor: number;
              currency: string;
              /** @description 1 unit of the order currency = rate units of the wallet currency (1/r when the recorded rate is the inverse pair) */
              rate: string;
              [key: string]: unknown;
            };
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * How this cart can reach an address: express delivery from a store within 3 km, pickup slots, shipping, partner desks, split shipments; with reasons for what is not offered
   * @description How this cart can reach an address: express delivery from a store within 3 km, pickup slots, shipping, partner desks, split shipments; with reasons for what is not offered
   */
  getFulfilmentOptions: {
    parameters: {
      query: {
        lat: number;
        lon: number;
        country?: string;
      };
      path: {
        cartId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** @description What is not offered for this cart and address, and why */
            notOffered: {
                kind: string;
                reason: string;
                [key: string]: unknown;
              }[];
            options: ({
                currency: string;
                feeMinor: number;
                /** @description Pass back to checkout as optionId */
                id: string;
                /** @description express_delivery | standard_shipping | store_pickup | partner_pickup | split */
                kind: string;
                shipments: ({
                    distanceMetres: number | null;
                    earliestSlot: {
                      /** Format: date-time */
                      end: string;
                      /** @description Places left */
                      remaining: number;
                      /** Format: date-time */
                      start: string;
                      [key: string]: unknown;
                    } | null;
                    estimatedDelivery: string | null;
                    feeMinor: number;
                    kind: string;
                    lines: {
                        quantity: number;
                        /** Format: uuid */
                        skuId: string;
                        [key: string]: unknown;
                      }[];
                    pickupLocationId: string | null;
                    slots: {
                        /** Format: date-time */
                        end: string;
                        /** @description Places left */
                        remaining: number;
                        /** Format: date-time */
                        start: string;
                        [key: string]: unknown;
                      }[];
                    /** Format: uuid */
                    sourceLocationId: string;
                    sourceName: string;
                    [key: string]: unknown;
                  })[];
                [key: string]: unknown;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Add units of a SKU to the cart
   * @description Add units of a SKU to the cart
   */
  addCartLine: {
    parameters: {
      path: {
        cartId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          quantity: number;
          /** Format: uuid */
          skuId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Set a line's quantity (0 removes it)
   * @description Set a line's quantity (0 removes it)
   */
  setCartLine: {
    parameters: {
      path: {
        cartId: string;
        skuId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          quantity: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Merge a guest cart into the signed-in shopper's cart
   * @description Merge a guest cart into the signed-in shopper's cart
   */
  mergeGuestCart: {
    parameters: {
      path: {
        cartId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          guestToken: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            cartId: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The category tree (flat, with parent ids)
   * @description The category tree (flat, with parent ids)
   */
  listCategories: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                /** Format: uuid */
                id: string;
                parentId: string | null;
                slug: string;
                [key: string]: unknown;
              })[];
          };
        };
      };
    };
  };
  /**
   * Add a category (operator)
   * @description Add a category (operator)
   */
  createCategory: {
    requestBody: {
      content: {
        "application/json": {
          name: {
            en?: string;
            es?: string;
            it?: string;
            zh?: string;
          };
          /** Format: uuid */
          parentId?: string;
          slug: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            slug: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Record what was found on the shelf; short picks are refunded at once
   * @description Record what was found on the shelf; short picks are refunded at once
   */
  recordPick: {
    parameters: {
      path: {
        fulfilmentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          lines: {
              /** Format: uuid */
              orderLineId: string;
              pickedQuantity: number;
            }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** @description Nothing was found for any line: the parcel was closed instead of packed */
            closed: boolean;
            /** @description Refunded at once for units not found (and the delivery fee of a parcel closed empty) */
            refundedMinor: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Send a partner-desk parcel back to the sender: its units go back to the location they left, the shopper is refunded, the merchants' payables are reversed. Before the collection deadline only an operator may, with a reason.
   * @description Send a partner-desk parcel back to the sender: its units go back to the location they left, the shopper is refunded, the merchants' payables are reversed. Before the collection deadline only an operator may, with a reason.
   */
  returnToSender: {
    parameters: {
      path: {
        fulfilmentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            acceptedBy: string | null;
            amountMinor: number;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            locationId: string;
            /** Format: uuid */
            orderId: string;
            reason: string | null;
            /** @description original | wallet */
            refundTo: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Move a fulfilment one step: start_pick, pack, ready, dispatch, ship, send_to_partner, receive_at_partner, deliver (hand_over, return_to_sender and cancel have their own routes)
   * @description Move a fulfilment one step: start_pick, pack, ready, dispatch, ship, send_to_partner, receive_at_partner, deliver (hand_over, return_to_sender and cancel have their own routes)
   */
  stepFulfilment: {
    parameters: {
      path: {
        fulfilmentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          event: "start_pick" | "pack" | "ready" | "dispatch" | "ship" | "send_to_partner" | "receive_at_partner" | "deliver" | "hand_over" | "return_to_sender" | "cancel" | "close_empty";
          note?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            collectBy?: string | null;
            /** Format: date-time */
            createdAt: string;
            destination: {
              address?: string;
              city?: string;
              country?: string;
              latitude: number;
              longitude: number;
              [key: string]: unknown;
            } | null;
            feeMinor: number;
            /** @description Staff see whether a code was issued, never the code */
            hasPickupCode?: boolean;
            /** Format: uuid */
            id: string;
            /** @description express_delivery | standard_shipping | store_pickup | partner_pickup | pos_takeaway | store_to_home */
            kind: string;
            /** Format: uuid */
            orderId: string;
            pickupCode?: string | null;
            pickupLocationId: string | null;
            receivedAt?: string | null;
            slotEnd: string | null;
            slotStart: string | null;
            /** Format: uuid */
            sourceLocationId: string;
            status: string;
            /** Format: date-time */
            updatedAt: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Unlock a parcel locked after 5 wrong pickup codes, once the shopper's identity document was checked at the desk (audited); the shopper then gives their code again
   * @description Unlock a parcel locked after 5 wrong pickup codes, once the shopper's identity document was checked at the desk (audited); the shopper then gives their code again
   */
  unlockParcel: {
    parameters: {
      path: {
        fulfilmentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The document number's last 4 characters, for the audit */
          documentLast4: string;
          documentType: "national_id" | "passport" | "residence_permit" | "driving_licence";
          /**
           * @description The associate saw an identity document matching the order's shopper
           * @enum {boolean}
           */
          idChecked: true;
          note?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            collectBy?: string | null;
            /** Format: date-time */
            createdAt: string;
            destination: {
              address?: string;
              city?: string;
              country?: string;
              latitude: number;
              longitude: number;
              [key: string]: unknown;
            } | null;
            feeMinor: number;
            /** @description Staff see whether a code was issued, never the code */
            hasPickupCode?: boolean;
            /** Format: uuid */
            id: string;
            /** @description express_delivery | standard_shipping | store_pickup | partner_pickup | pos_takeaway | store_to_home */
            kind: string;
            /** Format: uuid */
            orderId: string;
            pickupCode?: string | null;
            pickupLocationId: string | null;
            receivedAt?: string | null;
            slotEnd: string | null;
            slotStart: string | null;
            /** Format: uuid */
            sourceLocationId: string;
            status: string;
            /** Format: date-time */
            updatedAt: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * What an amount is in another currency now (rounded half to even); for showing prices in the shopper's currency
   * @description What an amount is in another currency now (rounded half to even); for showing prices in the shopper's currency
   */
  getFxQuote: {
    parameters: {
      query: {
        amountMinor: number;
        /** @description ISO 4217 currency code */
        from: string;
        /** @description ISO 4217 currency code */
        to: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            amountMinor: number;
            /** Format: date-time */
            at: string;
            from: string;
            fromMinor: number;
            inverse: boolean;
            rate: string;
            rateId: string | null;
            to: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Exchange rates, newest first
   * @description Exchange rates, newest first
   */
  listFxRates: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                base: string;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                effectiveAt: string;
                /** Format: uuid */
                id: string;
                quote: string;
                rate: string;
              }[];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Set a rate (1 base = rate quote) from a time on
   * @description Set a rate (1 base = rate quote) from a time on
   */
  setFxRate: {
    requestBody: {
      content: {
        "application/json": {
          /** @description ISO 4217 currency code */
          base: string;
          /** Format: date-time */
          effectiveAt?: string;
          /** @description ISO 4217 currency code */
          quote: string;
          rate: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            base: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            effectiveAt: string;
            /** Format: uuid */
            id: string;
            quote: string;
            rate: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * GMV, orders and units per merchant, store, category or channel
   * @description Same callers and scope as the summary. A merchant sees its own merchant row, and its stores and categories.
   */
  getInsightsBreakdown: {
    parameters: {
      query: {
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        from?: string;
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        to?: string;
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description Report currency (default EUR); other currencies convert at the rate recorded for each order's time */
        currency?: string;
        /** @description Only this merchant's lines; merchant staff always see only their own */
        merchantId?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
        by: "merchant" | "store" | "category" | "channel";
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            by: string;
            currency: string;
            rows: ({
                /** @description minor units of the report currency */
                gmvMinor: number;
                key: string | null;
                label: string | null;
                orders: number;
                share: number;
                units: number;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Cohorts by first-purchase month with a retention matrix
   * @description Customers whose first purchase (up to asOf) fell in or after the month of `from`; retained[k] is how many bought again k months later.
   */
  getInsightsCohorts: {
    parameters: {
      query?: {
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        from?: string;
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        to?: string;
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description Report currency (default EUR); other currencies convert at the rate recorded for each order's time */
        currency?: string;
        /** @description Only this merchant's lines; merchant staff always see only their own */
        merchantId?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: date-time */
            asOf: string;
            cohorts: {
                cohort: string;
                customers: number;
                retained: number[];
                retention: number[];
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Record product views, searches, cart adds and checkouts started (beacons)
   * @description Anyone may send (storefront, app, till). Events are queued in memory and written in batches, so this answers at once and never slows the shop. A signed-in shopper's events land on their profile; anonymous ones carry a visitor key.
   */
  captureInsightEvents: {
    requestBody: {
      content: {
        "application/json": {
          events: ({
              channel: "web" | "app" | "till" | "partner";
              kind: "product_view" | "search" | "cart_add" | "checkout_started";
              /** Format: uuid */
              locationId?: string;
              /** Format: uuid */
              merchantId?: string;
              /** Format: date-time */
              occurredAt?: string;
              /** Format: uuid */
              productId?: string;
              quantity?: number;
              query?: string;
              resultCount?: number;
              /** Format: uuid */
              skuId?: string;
              visitorKey?: string;
            })[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        content: {
          "application/json": {
            accepted: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (413) */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (415) */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Conversion funnel: product view → cart add → order, in shoppers
   * @description Same callers and scope as the summary; a merchant counts views and cart adds of its products and orders of its lines.
   */
  getInsightsFunnel: {
    parameters: {
      query?: {
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        from?: string;
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        to?: string;
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description Report currency (default EUR); other currencies convert at the rate recorded for each order's time */
        currency?: string;
        /** @description Only this merchant's lines; merchant staff always see only their own */
        merchantId?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            buyers: number;
            cartAdders: number;
            cartToOrder: number;
            checkoutStarters: number;
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            viewers: number;
            viewToCart: number;
            viewToOrder: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Offers for the signed-in shopper (shown in the app)
   * @description Only offers sent to this shopper (never the control group), valid now and not yet used.
   */
  listMyOffers: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                code: string;
                currency: string | null;
                /** Format: uuid */
                id: string;
                kind: string;
                merchantId: string | null;
                title: string;
                /** Format: date-time */
                validTo: string;
                value: number;
              })[];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Retrain the recommender on every paid order up to asOf (operator)
   * @description What `mercato recs train` does. Orders paid later are added incrementally as they happen.
   */
  trainRecommender: {
    requestBody: {
      content: {
        "application/json": {
          /** @description ISO date (read as 00:00 UTC) or timestamp */
          asOf?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            asOf: string;
            customers: number;
            orderLines: number;
            pairs: number;
            rebuyPropensity: number;
            seconds: number;
            skus: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Send an offer (a code) to a segment, holding out a control group
   * @description Operators, for any merchant or the marketplace; merchant staff for their own customers only (merchantId is theirs). The segment is evaluated now; controlPercent of it is held out (not sent) to measure uplift.
   */
  createTargetedOffer: {
    requestBody: {
      content: {
        "application/json": {
          code: string;
          controlPercent: number;
          /** @description ISO 4217 currency code */
          currency?: string;
          kind: "percent" | "amount";
          /** Format: uuid */
          merchantId?: string;
          segment: ({
            segments: ("champions" | "loyal" | "potential_loyalists" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost")[];
            /** @enum {string} */
            type: "rfm";
          }) | {
            days: number;
            /** @enum {string} */
            type: "lapsed";
          } | {
            /** Format: uuid */
            categoryId: string;
            /** @enum {string} */
            type: "category_affinity";
            withinDays: number;
          } | ({
            channel: "web" | "app" | "till" | "partner" | "import";
            /** @enum {string} */
            type: "channel";
            withinDays: number;
          });
          title: string;
          /** Format: date-time */
          validFrom: string;
          /** Format: date-time */
          validTo: string;
          /** @description percent (1–100) or minor units of `currency` */
          value: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            code: string;
            control: number;
            controlPercent: number;
            /** Format: date-time */
            createdAt: string;
            currency: string | null;
            /** Format: uuid */
            id: string;
            kind: string;
            merchantId: string | null;
            /** @description shoppers in the segment when the offer was created, control group included */
            recipients: number;
            segment: {
              type: string;
              [key: string]: unknown;
            };
            title: string;
            /** Format: date-time */
            validFrom: string;
            /** Format: date-time */
            validTo: string;
            value: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An offer with its redemptions and uplift against the control group
   * @description Analysts and operators see any offer; merchant staff their own merchant's. Conversion = a paid order (any channel) in the offer's window.
   */
  getTargetedOffer: {
    parameters: {
      path: {
        offerId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            offer: {
              code: string;
              control: number;
              controlPercent: number;
              /** Format: date-time */
              createdAt: string;
              currency: string | null;
              /** Format: uuid */
              id: string;
              kind: string;
              merchantId: string | null;
              /** @description shoppers in the segment when the offer was created, control group included */
              recipients: number;
              segment: {
                type: string;
                [key: string]: unknown;
              };
              title: string;
              /** Format: date-time */
              validFrom: string;
              /** Format: date-time */
              validTo: string;
              value: number;
            };
            results: {
              control: {
                buyers: number;
                conversion: number;
                shoppers: number;
              };
              incrementalBuyers: number;
              /** Format: date-time */
              measuredUntil: string;
              redemptionRate: number;
              treatment: {
                buyers: number;
                conversion: number;
                redeemed: number;
                shoppers: number;
              };
              uplift: number;
            };
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Redeem an offer code for the identified shopper (at the till)
   * @description Store associates (at their own store) and operators. Once per shopper; only shoppers the offer was sent to; inside its window.
   */
  redeemTargetedOffer: {
    requestBody: {
      content: {
        "application/json": {
          /** Format: uuid */
          accountId: string;
          code: string;
          /** Format: uuid */
          orderId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            accountId: string;
            code: string;
            currency: string | null;
            kind: string;
            /** Format: uuid */
            offerId: string;
            /** Format: date-time */
            redeemedAt: string;
            value: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * SKUs most often bought together with this one (any channel)
   * @description Public: product and cart pages show it to everyone. Learned from co-purchases across web, app, till and imported history.
   */
  getBoughtTogether: {
    parameters: {
      query?: {
        limit?: number;
      };
      path: {
        skuId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                productId: string | null;
                reasons: string[];
                score: number;
                skuCode: string | null;
                /** Format: uuid */
                skuId: string;
                title: string | null;
              })[];
            /** Format: uuid */
            skuId: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Recommendations for a shopper: for you (next basket), buy again, or next in their sequence
   * @description A shopper gets their own; analysts and operators name one by internal id or by the import's external customer reference.
   */
  getRecommendations: {
    parameters: {
      query?: {
        /** @description The shopper (a shopper may omit it: themselves) */
        accountId?: string;
        /** @description The customer reference from the order-history import */
        externalRef?: string;
        /** @description Whose import the reference belongs to, when several merchants imported */
        merchantId?: string;
        /** @description Use only the shopper's orders up to this time (default now) */
        asOf?: string;
        kind?: "for_you" | "buy_again" | "next";
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            accountId: string;
            items: ({
                productId: string | null;
                reasons: string[];
                score: number;
                skuCode: string | null;
                /** Format: uuid */
                skuId: string;
                title: string | null;
              })[];
            kind: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Rank given candidate SKUs for a shopper
   * @description Same callers as GET recommendations. Every candidate comes back once, best first (unknown SKUs score 0).
   */
  rankCandidates: {
    requestBody: {
      content: {
        "application/json": {
          /**
           * Format: uuid
           * @description The shopper (a shopper may omit it: themselves)
           */
          accountId?: string;
          /** @description Use only the shopper's orders up to this time (default now) */
          asOf?: string;
          candidates: string[];
          /** @description The customer reference from the order-history import */
          externalRef?: string;
          /**
           * Format: uuid
           * @description Whose import the reference belongs to, when several merchants imported
           */
          merchantId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            accountId: string;
            items: ({
                productId: string | null;
                reasons: string[];
                score: number;
                skuCode: string | null;
                /** Format: uuid */
                skuId: string;
                title: string | null;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * RFM per customer (recency in days to asOf, orders, total spend) with segments
   * @description All paid orders up to asOf. Scores 1–5 by quintile; segments from recency and frequency. Same callers as the summary.
   */
  getInsightsRfm: {
    parameters: {
      query?: {
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description Report currency (default EUR); other currencies convert at the rate recorded for each order's time */
        currency?: string;
        /** @description Only this merchant's lines; merchant staff always see only their own */
        merchantId?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
        segment?: "champions" | "loyal" | "potential_loyalists" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost";
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: date-time */
            asOf: string;
            currency: string;
            customers: number;
            rows: {
                /** Format: uuid */
                accountId: string;
                f: number;
                frequency: number;
                m: number;
                /** @description minor units of the report currency */
                monetaryMinor: number;
                r: number;
                recencyDays: number;
                segment: string;
              }[];
            segments: {
                customers: number;
                /** @description minor units of the report currency */
                monetaryMinor: number;
                segment: string;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * GMV, orders, customers, AOV, units, refunds, new vs returning, repeat rate, channel mix
   * @description For analysts and operators (every merchant, or one with merchantId) and merchant staff (their own lines only). Paid orders from every channel and the imported history, in [from, to) capped at asOf (default: the 30 days before asOf).
   */
  getInsightsSummary: {
    parameters: {
      query?: {
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        from?: string;
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        to?: string;
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description Report currency (default EUR); other currencies convert at the rate recorded for each order's time */
        currency?: string;
        /** @description Only this merchant's lines; merchant staff always see only their own */
        merchantId?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** @description minor units of the report currency */
            aovMinor: number;
            /** Format: date-time */
            asOf: string;
            channels: {
                channel: string;
                /** @description minor units of the report currency */
                gmvMinor: number;
                orders: number;
                share: number;
              }[];
            currency: string;
            customers: number;
            /** Format: date-time */
            from: string;
            /** @description minor units of the report currency */
            gmvMinor: number;
            /** @description minor units of the report currency */
            netSalesMinor: number;
            newCustomers: number;
            orders: number;
            ordersPerCustomer: number;
            /** @description minor units of the report currency */
            refundsMinor: number;
            repeatRate: number;
            returningCustomers: number;
            /** Format: date-time */
            to: string;
            units: number;
            /** @description imported lines whose price was unknown (0): counted in units, not in GMV */
            unpricedLines: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Best-selling SKUs by units, with orders and GMV
   * @description Same callers and scope as the summary.
   */
  getInsightsTopProducts: {
    parameters: {
      query?: {
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        from?: string;
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        to?: string;
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description Report currency (default EUR); other currencies convert at the rate recorded for each order's time */
        currency?: string;
        /** @description Only this merchant's lines; merchant staff always see only their own */
        merchantId?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                /** @description minor units of the report currency */
                gmvMinor: number;
                orders: number;
                skuCode: string | null;
                /** Format: uuid */
                skuId: string;
                title: string | null;
                units: number;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Searches that found nothing, most frequent first
   * @description Analysts and operators only: search terms are not a merchant's data.
   */
  getZeroResultSearches: {
    parameters: {
      query?: {
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        from?: string;
        /** @description ISO date (read as 00:00 UTC) or timestamp */
        to?: string;
        /** @description Figures as they stood at this time (default now); nothing later is counted */
        asOf?: string;
        /** @description `csv` answers text/csv (the rows of the report) for download */
        format?: "json" | "csv";
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                /** Format: date-time */
                lastSearchedAt: string;
                query: string;
                searches: number;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Available to promise per SKU, per live location and across the network
   * @description Available to promise per SKU, per live location and across the network
   */
  getAvailability: {
    parameters: {
      query: {
        sku: string[];
        location?: string[];
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                locations: {
                    available: number;
                    /** Format: uuid */
                    locationId: string;
                    onHand: number;
                    reserved: number;
                  }[];
                network: number;
                /** Format: uuid */
                skuId: string;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Hold units for a cart, all lines or none (a single line goes through the flash-sale coalescer)
   * @description Hold units for a cart, all lines or none (a single line goes through the flash-sale coalescer)
   */
  createReservation: {
    requestBody: {
      content: {
        "application/json": {
          lines: {
              /** Format: uuid */
              locationId: string;
              quantity: number;
              /** Format: uuid */
              skuId: string;
            }[];
          reference?: string;
          ttlSeconds?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Reservation"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One of your reservations
   * @description One of your reservations
   */
  getReservation: {
    parameters: {
      path: {
        reservationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Reservation"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Give the held units back
   * @description Give the held units back
   */
  releaseReservation: {
    parameters: {
      path: {
        reservationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Reservation"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Complaints the caller is party to (operators: all)
   * @description Complaints the caller is party to (operators: all)
   */
  listIpComplaints: {
    parameters: {
      query?: {
        open?: boolean;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["IpComplaint"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One complaint with its audit trail
   * @description One complaint with its audit trail
   */
  getIpComplaint: {
    parameters: {
      path: {
        complaintId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["IpComplaint"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * counter_notice (seller, within the window), reinstate or remove (operator)
   * @description counter_notice (seller, within the window), reinstate or remove (operator)
   */
  transitionIpComplaint: {
    parameters: {
      path: {
        complaintId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          action: "counter_notice" | "reinstate" | "remove";
          detail: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["IpComplaint"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Programme progress: GMV to date, daily series, projection, on track or at risk
   * @description Programme progress: GMV to date, daily series, projection, on track or at risk
   */
  getLaunchProgramme: {
    parameters: {
      path: {
        programmeId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            daily: {
                cumulativeMinor: number;
                day: string;
                gmvMinor: number;
                [key: string]: unknown;
              }[];
            gmvMinor: number;
            /** Format: uuid */
            id: string;
            projectedMinor: number;
            status: string;
            targetCurrency: string;
            targetMinor: number;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Set the GMV target and agreed rates (operator)
   * @description Set the GMV target and agreed rates (operator)
   */
  updateLaunchProgramme: {
    parameters: {
      path: {
        programmeId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          fxRates?: {
              /** @description ISO 4217 currency code */
              from: string;
              /** @description Units of the target currency per unit of `from` */
              rate: string;
            }[];
          /** @description ISO 4217 currency code */
          targetCurrency: string;
          /** @description minor units of the currency */
          targetMinor: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["LaunchProgramme"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Verify every ledger invariant
   * @description Verify every ledger invariant
   */
  checkLedger: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            accounts: number;
            entries: number;
            lines: number;
            ok: boolean;
            violations: {
                detail: string;
                invariant: string;
              }[];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Live stores, warehouses and pickup points (operators may add include_inactive=true)
   * @description Live stores, warehouses and pickup points (operators may add include_inactive=true)
   */
  listLocations: {
    parameters: {
      query?: {
        include_inactive?: boolean;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["Location"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Open a location (operator)
   * @description Open a location (operator)
   */
  createLocation: {
    requestBody: {
      content: {
        "application/json": {
          acceptsReturns?: boolean;
          activeFrom?: string | null;
          activeTo?: string | null;
          address: string;
          city: string;
          code: string;
          /** @description ISO 3166-1 alpha-2 country code */
          country: string;
          /** @description Local delivery radius in metres (default 3000) */
          deliveryRadiusM?: number;
          kind: "store" | "warehouse" | "bonded_warehouse" | "popup" | "corner" | "partner_pickup_point";
          latitude: number;
          localDelivery?: boolean;
          longitude: number;
          name: string;
          offersPickup?: boolean;
          partnerName?: string | null;
          pickupLeadMinutes?: number;
          pickupSlotCapacity?: number;
          pickupSlotMinutes?: number;
          shipsOrders?: boolean;
          /** @description IANA time zone, e.g. Europe/Madrid */
          timeZone: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Location"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One location
   * @description One location
   */
  getLocation: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Location"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Close a location for good (archived: gone from lists and searches, history kept)
   * @description Close a location for good (archived: gone from lists and searches, history kept)
   */
  archiveLocation: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Location"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change a location's settings (operator)
   * @description Change a location's settings (operator)
   */
  updateLocation: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          acceptsReturns?: boolean;
          activeFrom?: string | null;
          activeTo?: string | null;
          address?: string;
          city?: string;
          code?: string;
          /** @description ISO 3166-1 alpha-2 country code */
          country?: string;
          /** @description Local delivery radius in metres (default 3000) */
          deliveryRadiusM?: number;
          kind?: "store" | "warehouse" | "bonded_warehouse" | "popup" | "corner" | "partner_pickup_point";
          latitude?: number;
          localDelivery?: boolean;
          longitude?: number;
          name?: string;
          offersPickup?: boolean;
          partnerName?: string | null;
          pickupLeadMinutes?: number;
          pickupSlotCapacity?: number;
          pickupSlotMinutes?: number;
          shipsOrders?: boolean;
          /** @description IANA time zone, e.g. Europe/Madrid */
          timeZone?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Location"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The location's work queue: fulfilments to pick, pack and hand out, by slot
   * @description The location's work queue: fulfilments to pick, pack and hand out, by slot
   */
  listLocationFulfilments: {
    parameters: {
      query?: {
        status?: string[];
      };
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                fulfilment: {
                  collectBy?: string | null;
                  /** Format: date-time */
                  createdAt: string;
                  destination: {
                    address?: string;
                    city?: string;
                    country?: string;
                    latitude: number;
                    longitude: number;
                    [key: string]: unknown;
                  } | null;
                  feeMinor: number;
                  /** @description Staff see whether a code was issued, never the code */
                  hasPickupCode?: boolean;
                  /** Format: uuid */
                  id: string;
                  /** @description express_delivery | standard_shipping | store_pickup | partner_pickup | pos_takeaway | store_to_home */
                  kind: string;
                  /** Format: uuid */
                  orderId: string;
                  pickupCode?: string | null;
                  pickupLocationId: string | null;
                  receivedAt?: string | null;
                  slotEnd: string | null;
                  slotStart: string | null;
                  /** Format: uuid */
                  sourceLocationId: string;
                  status: string;
                  /** Format: date-time */
                  updatedAt: string;
                  [key: string]: unknown;
                };
                lines: ({
                    /** Format: uuid */
                    orderLineId: string;
                    pickedQuantity: number | null;
                    quantity: number;
                    /** Format: uuid */
                    skuId: string;
                    [key: string]: unknown;
                  })[];
                [key: string]: unknown;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Hand a pickup or partner parcel to the shopper: the parcel and the 6-digit code the shopper gives, or the QR payload scanned from their app. Wrong codes are counted per parcel; after 5 the parcel locks.
   * @description Hand a pickup or partner parcel to the shopper: the parcel and the 6-digit code the shopper gives, or the QR payload scanned from their app. Wrong codes are counted per parcel; after 5 the parcel locks.
   */
  handOverParcel: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          code: string;
          /** Format: uuid */
          fulfilmentId: string;
        } | {
          qr: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            collectBy?: string | null;
            /** Format: date-time */
            createdAt: string;
            destination: {
              address?: string;
              city?: string;
              country?: string;
              latitude: number;
              longitude: number;
              [key: string]: unknown;
            } | null;
            feeMinor: number;
            /** @description Staff see whether a code was issued, never the code */
            hasPickupCode?: boolean;
            /** Format: uuid */
            id: string;
            /** @description express_delivery | standard_shipping | store_pickup | partner_pickup | pos_takeaway | store_to_home */
            kind: string;
            /** Format: uuid */
            orderId: string;
            pickupCode?: string | null;
            pickupLocationId: string | null;
            receivedAt?: string | null;
            slotEnd: string | null;
            slotStart: string | null;
            /** Format: uuid */
            sourceLocationId: string;
            status: string;
            /** Format: date-time */
            updatedAt: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (429) */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Weekly opening hours and exceptions (local time)
   * @description Weekly opening hours and exceptions (local time)
   */
  getOpeningHours: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            exceptions: ({
                closed: boolean;
                closes?: string | null;
                /** @description Local date YYYY-MM-DD */
                date: string;
                opens?: string | null;
                reason?: string;
              })[];
            weekly: {
                /** @description Local wall-clock time HH:MM */
                closes: string;
                /** @description Local wall-clock time HH:MM */
                opens: string;
                /** @description ISO weekday, 1 = Monday */
                weekday: number;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Replace opening hours and exceptions (operator, or the location's associate)
   * @description Replace opening hours and exceptions (operator, or the location's associate)
   */
  setOpeningHours: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          exceptions: ({
              closed: boolean;
              closes?: string | null;
              /** @description Local date YYYY-MM-DD */
              date: string;
              opens?: string | null;
              reason?: string;
            })[];
          weekly: {
              /** @description Local wall-clock time HH:MM */
              closes: string;
              /** @description Local wall-clock time HH:MM */
              opens: string;
              /** @description ISO weekday, 1 = Monday */
              weekday: number;
            }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            exceptions: ({
                closed: boolean;
                closes?: string | null;
                /** @description Local date YYYY-MM-DD */
                date: string;
                opens?: string | null;
                reason?: string;
              })[];
            weekly: {
                /** @description Local wall-clock time HH:MM */
                closes: string;
                /** @description Local wall-clock time HH:MM */
                opens: string;
                /** @description ISO weekday, 1 = Monday */
                weekday: number;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Pickup slots of a local date with remaining capacity
   * @description Pickup slots of a local date with remaining capacity
   */
  listPickupSlots: {
    parameters: {
      query: {
        /** @description Local date YYYY-MM-DD */
        date: string;
      };
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            date: string;
            items: {
                booked: number;
                capacity: number;
                /** Format: date-time */
                end: string;
                remaining: number;
                /** Format: date-time */
                start: string;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Book a place in a pickup slot (store desk; checkout books through the orders flow)
   * @description Book a place in a pickup slot (store desk; checkout books through the orders flow)
   */
  bookPickupSlot: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          reference: string;
          /** Format: date-time */
          slotStart: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            locationId: string;
            reference: string;
            /** Format: date-time */
            slotEnd: string;
            /** Format: date-time */
            slotStart: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Give a pickup slot place back
   * @description Give a pickup slot place back
   */
  cancelPickupSlotBooking: {
    parameters: {
      path: {
        locationId: string;
        bookingId: string;
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Take back items of an order from any channel at this store: stock into this store, refund to the original method or the wallet
   * @description Take back items of an order from any channel at this store: stock into this store, refund to the original method or the wallet
   */
  takeReturn: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          lines: {
              /** Format: uuid */
              orderLineId: string;
              quantity: number;
            }[];
          /** Format: uuid */
          orderId: string;
          reason?: string;
          refundTo: "original" | "wallet";
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            acceptedBy: string | null;
            amountMinor: number;
            /** Format: date-time */
            createdAt: string;
            currency: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            locationId: string;
            /** Format: uuid */
            orderId: string;
            reason: string | null;
            /** @description original | wallet */
            refundTo: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Stock at a location (associates: their own; merchants: their SKUs)
   * @description Stock at a location (associates: their own; merchants: their SKUs)
   */
  listLocationStock: {
    parameters: {
      query?: {
        sku?: string;
      };
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["StockRow"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The stock journal of a location, newest first
   * @description The stock journal of a location, newest first
   */
  listStockMovements: {
    parameters: {
      query?: {
        sku?: string;
        limit?: number;
      };
      path: {
        locationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["StockMovement"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Record a receipt, adjustment (signed), count (the counted total) or damage at a location
   * @description Record a receipt, adjustment (signed), count (the counted total) or damage at a location
   */
  recordStockMovement: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          kind: "receipt" | "adjustment" | "count" | "damage";
          quantity: number;
          reason: string;
          reference?: string;
          /** Format: uuid */
          skuId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["StockMovement"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Send units from this location to another
   * @description Send units from this location to another
   */
  transferStock: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          quantity: number;
          reason?: string;
          /** Format: uuid */
          skuId: string;
          /** Format: uuid */
          toLocationId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            items: components["schemas"]["StockMovement"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * At the till: identify the shopper by member code and charge the wallet
   * @description At the till: identify the shopper by member code and charge the wallet
   */
  chargeAtTill: {
    parameters: {
      path: {
        locationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Amount in minor units of the currency (cents; yen for JPY) */
          amountMinor: number;
          /** @description ISO 4217 currency code */
          currency: string;
          memberCode: string;
          /** Format: uuid */
          orderId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            balanceMinor: number;
            intent: components["schemas"]["PaymentIntent"];
            shopper: {
              /** Format: uuid */
              accountId: string;
              displayName: string;
            };
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Live locations within a radius of a point, nearest first, with stock of the given SKUs
   * @description Live locations within a radius of a point, nearest first, with stock of the given SKUs
   */
  listNearbyLocations: {
    parameters: {
      query: {
        lat: number;
        lon: number;
        radius_km: number;
        /** @description SKU ids (repeat the parameter) */
        sku?: string[];
        kind?: ("store" | "warehouse" | "bonded_warehouse" | "popup" | "corner" | "partner_pickup_point")[];
        /** @description Only locations with every SKU available */
        in_stock?: boolean;
        /** @description Instant to evaluate pop-up windows at (default now) */
        at?: string;
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                deliversHere: boolean;
                distanceMetres: number;
                hasAllSkus: boolean;
                location: components["schemas"]["Location"];
                stock: {
                    available: number;
                    /** Format: uuid */
                    skuId: string;
                  }[];
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The signed-in account
   * @description The signed-in account
   */
  getMe: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Account"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change the signed-in account's name, language or preferred currency (remembered across devices)
   * @description Change the signed-in account's name, language or preferred currency (remembered across devices)
   */
  updateMe: {
    requestBody: {
      content: {
        "application/json": {
          currency?: string | null;
          displayName?: string;
          locale?: "es" | "it" | "en" | "zh";
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Account"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The shopper's member-code devices
   * @description The shopper's member-code devices
   */
  listMemberDevices: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                label: string;
                number: number;
              }[];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Register this device for member codes
   * @description Register this device for member codes
   */
  registerMemberDevice: {
    requestBody: {
      content: {
        "application/json": {
          label: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            label: string;
            number: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Revoke a device: its member codes stop working
   * @description Revoke a device: its member codes stop working
   */
  revokeMemberDevice: {
    parameters: {
      path: {
        deviceId: string;
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The member code to show now (rotates every 30 s), with its QR image
   * @description The member code to show now (rotates every 30 s), with its QR image
   */
  getMemberCode: {
    parameters: {
      path: {
        deviceId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            code: string;
            /** Format: uuid */
            deviceId: string;
            /** Format: date-time */
            expiresAt: string;
            periodSeconds: number;
            /** @description PNG data URL */
            qr: string;
            /** Format: date-time */
            validFrom: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Merchants visible to the caller
   * @description Merchants visible to the caller
   */
  listMerchants: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["Merchant"][];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create a merchant (operator)
   * @description Create a merchant (operator)
   */
  createMerchant: {
    requestBody: {
      content: {
        "application/json": {
          /** @description Commission in basis points */
          commissionBps?: number;
          /** @description ISO 3166-1 alpha-2 country code */
          country: string;
          kind: "brand_owner" | "reseller";
          legalName: string;
          /** @description ISO 4217 currency code */
          settlementCurrency: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Merchant"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One merchant
   * @description One merchant
   */
  getMerchant: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Merchant"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change a merchant's company data
   * @description Change a merchant's company data
   */
  updateMerchant: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description ISO 3166-1 alpha-2 country code */
          country?: string;
          legalName?: string;
          /** @description ISO 4217 currency code */
          settlementCurrency?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Merchant"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * What the platform owes the merchant (settled, not paid out) and has paid out, per currency
   * @description What the platform owes the merchant (settled, not paid out) and has paid out, per currency
   */
  getMerchantBalances: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                currency: string;
                paidOutMinor: number;
                payableMinor: number;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Authorisations the merchant granted or holds
   * @description Authorisations the merchant granted or holds
   */
  listBrandAuthorisations: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["BrandAuthorisation"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * As brand owner, authorise a reseller for a period
   * @description As brand owner, authorise a reseller for a period
   */
  grantBrandAuthorisation: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: uuid */
          brandId: string;
          /** Format: uuid */
          resellerMerchantId: string;
          /** @description Which products it covers (free text) */
          scope?: string;
          /** @description ISO 3166-1 alpha-2 countries where the reseller may sell the brand (the till's store country, the delivery country); absent or null: everywhere */
          territories?: string[];
          /** Format: date-time */
          validFrom: string;
          /** Format: date-time */
          validTo: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["BrandAuthorisation"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Revoke an authorisation (its listings hide at once)
   * @description Revoke an authorisation (its listings hide at once)
   */
  revokeBrandAuthorisation: {
    parameters: {
      path: {
        merchantId: string;
        authorisationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["BrandAuthorisation"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * As brand owner, report a listing (it is suspended at once)
   * @description As brand owner, report a listing (it is suspended at once)
   */
  fileIpComplaint: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          evidence: string[];
          /** Format: uuid */
          productId: string;
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["IpComplaint"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A merchant's launch programmes
   * @description A merchant's launch programmes
   */
  listLaunchProgrammes: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["LaunchProgramme"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Apply: company data and claimed brands (a draft until submitted)
   * @description Apply: company data and claimed brands (a draft until submitted)
   */
  createOnboardingApplication: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          claimedBrands: {
              name: string;
              slug: string;
              trademarkClasses: number[];
              /** Format: date */
              trademarkExpiresOn: string;
              trademarkNumber: string;
              trademarkOffice: string;
            }[];
          company: {
            [key: string]: string;
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["OnboardingApplication"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The merchant's price lists
   * @description The merchant's price lists
   */
  listPriceLists: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["PriceList"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create a retail or wholesale (B2B) price list
   * @description Create a retail or wholesale (B2B) price list
   */
  createPriceList: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          code: string;
          /** @description ISO 4217 currency code */
          currency: string;
          kind: "retail" | "wholesale";
          name: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["PriceList"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Assign a business buyer (account) to a wholesale list
   * @description Assign a business buyer (account) to a wholesale list
   */
  assignPriceListBuyer: {
    parameters: {
      path: {
        merchantId: string;
        priceListId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** Format: uuid */
          accountId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * SKUs on a list with MOQ and tiers
   * @description SKUs on a list with MOQ and tiers
   */
  listPriceListItems: {
    parameters: {
      path: {
        merchantId: string;
        priceListId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                moq: number;
                /** Format: uuid */
                skuId: string;
                tiers: {
                    minQuantity: number;
                    /** @description minor units of the currency */
                    unitAmountMinor: number;
                  }[];
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Put a SKU on a list: MOQ and quantity tiers (the first tier starts at the MOQ)
   * @description Put a SKU on a list: MOQ and quantity tiers (the first tier starts at the MOQ)
   */
  setPriceListItem: {
    parameters: {
      path: {
        merchantId: string;
        priceListId: string;
        skuId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          moq?: number;
          tiers: {
              minQuantity: number;
              /** @description minor units of the currency */
              unitAmountMinor: number;
            }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The merchant's catalogue, most recently changed first
   * @description The merchant's catalogue, most recently changed first
   */
  listMerchantProducts: {
    parameters: {
      query?: {
        locale?: "es" | "it" | "en" | "zh";
        limit?: number;
      };
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                /** Format: uuid */
                id: string;
                listed: boolean;
                productCode: string;
                skuCount: number;
                status: string;
                title: string | null;
                [key: string]: unknown;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create a product with its SKUs, translations and images
   * @description Create a product with its SKUs, translations and images
   */
  createProduct: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          brandId?: string | null;
          categoryId?: string | null;
          images?: {
              alt?: string;
              url: string;
            }[];
          productCode: string;
          skus: ({
              attributes?: {
                [key: string]: string;
              };
              barcode?: string | null;
              skuCode: string;
              weightGrams?: number;
            })[];
          status?: "draft" | "active" | "archived";
          translations: {
            en?: {
              description?: string;
              title: string;
            };
            es?: {
              description?: string;
              title: string;
            };
            it?: {
              description?: string;
              title: string;
            };
            zh?: {
              description?: string;
              title: string;
            };
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One of the merchant's products
   * @description One of the merchant's products
   */
  getMerchantProduct: {
    parameters: {
      path: {
        merchantId: string;
        productId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change a product; SKUs are upserted by code
   * @description Change a product; SKUs are upserted by code
   */
  updateProduct: {
    parameters: {
      path: {
        merchantId: string;
        productId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          brandId?: string | null;
          categoryId?: string | null;
          images?: {
              alt?: string;
              url: string;
            }[];
          skus?: ({
              attributes?: {
                [key: string]: string;
              };
              barcode?: string | null;
              skuCode: string;
              weightGrams?: number;
            })[];
          status?: "draft" | "active" | "archived";
          translations?: {
            en?: {
              description?: string;
              title: string;
            };
            es?: {
              description?: string;
              title: string;
            };
            it?: {
              description?: string;
              title: string;
            };
            zh?: {
              description?: string;
              title: string;
            };
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A merchant's payout statements
   * @description A merchant's payout statements
   */
  listSettlementRuns: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                commissionMinor: number;
                /** Format: date-time */
                createdAt: string;
                currency: string;
                entryId: number | null;
                grossMinor: number;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                merchantId: string;
                netMinor: number;
                /** Format: date-time */
                periodEnd: string;
                /** Format: date-time */
                periodStart: string;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A payout statement as CSV
   * @description A payout statement as CSV
   */
  getSettlementStatementCsv: {
    parameters: {
      path: {
        merchantId: string;
        runId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "text/csv": string;
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Set a SKU's retail unit price in a currency
   * @description Set a SKU's retail unit price in a currency
   */
  setRetailPrice: {
    parameters: {
      path: {
        merchantId: string;
        skuId: string;
        /** @description ISO 4217 currency code */
        currency: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description minor units of the currency */
          amountMinor: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A merchant's stock at every location
   * @description A merchant's stock at every location
   */
  listMerchantStock: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["StockRow"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A merchant's storefronts
   * @description A merchant's storefronts
   */
  listStorefronts: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["Storefront"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create a storefront
   * @description Create a storefront
   */
  createStorefront: {
    parameters: {
      path: {
        merchantId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          description?: {
            en?: string;
            es?: string;
            it?: string;
            zh?: string;
          };
          logoUrl?: string;
          name: string;
          slug: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["Storefront"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change a storefront (name, slug, logo, descriptions)
   * @description Change a storefront (name, slug, logo, descriptions)
   */
  updateStorefront: {
    parameters: {
      path: {
        merchantId: string;
        storefrontId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          description?: {
            en?: string;
            es?: string;
            it?: string;
            zh?: string;
          };
          logoUrl?: string;
          name?: string;
          slug?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Storefront"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Applications (operators: the review queue; `atRisk=true` for those at risk)
   * @description Applications (operators: the review queue; `atRisk=true` for those at risk)
   */
  listOnboardingApplications: {
    parameters: {
      query?: {
        status?: "draft" | "submitted" | "in_review" | "changes_requested" | "approved" | "rejected" | "storefront_configured" | "live";
        atRisk?: boolean;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["OnboardingApplication"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One application with documents, history, days left and late steps
   * @description One application with documents, history, days left and late steps
   */
  getOnboardingApplication: {
    parameters: {
      path: {
        applicationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["OnboardingApplication"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Upload a document (multipart: field `kind`, then the file; PDF, PNG or JPEG, at most 5 MiB)
   * @description Upload a document (multipart: field `kind`, then the file; PDF, PNG or JPEG, at most 5 MiB)
   */
  uploadOnboardingDocument: {
    parameters: {
      path: {
        applicationId: string;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            contentType: string;
            fileName: string;
            /** Format: uuid */
            id: string;
            kind: string;
            sha256: string;
            sizeBytes: number;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (413) */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (415) */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Download a document (with its SHA-256 in the ETag)
   * @description Download a document (with its SHA-256 in the ETag)
   */
  downloadOnboardingDocument: {
    parameters: {
      path: {
        applicationId: string;
        documentId: string;
      };
    };
    responses: {
      /** @description The file as uploaded */
      200: {
        content: {
          "application/pdf": string;
          "image/jpeg": string;
          "image/png": string;
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Take a step: submit, start_review, request_changes, resubmit, approve, reject, configure_storefront, go_live
   * @description Take a step: submit, start_review, request_changes, resubmit, approve, reject, configure_storefront, go_live
   */
  transitionOnboardingApplication: {
    parameters: {
      path: {
        applicationId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          action: "submit" | "start_review" | "request_changes" | "resubmit" | "approve" | "reject" | "configure_storefront" | "go_live";
          reason?: string;
          /** Format: uuid */
          storefrontId?: string;
          target?: {
            /** @description minor units of the currency */
            amountMinor: number;
            /** @description ISO 4217 currency code */
            currency: string;
            fxRates?: {
                /** @description ISO 4217 currency code */
                from: string;
                /** @description Units of the target currency per unit of `from` */
                rate: string;
              }[];
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["OnboardingApplication"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The signed-in shopper's orders from every channel (web, app, till), newest first
   * @description The signed-in shopper's orders from every channel (web, app, till), newest first
   */
  listMyOrders: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                accountId: string | null;
                cancelledAt: string | null;
                cartId: string | null;
                /** @description web | app | pos */
                channel: string;
                currency: string;
                destination: {
                  address?: string;
                  city?: string;
                  country?: string;
                  latitude: number;
                  longitude: number;
                  [key: string]: unknown;
                } | null;
                /** Format: uuid */
                id: string;
                locationId: string | null;
                paidAt: string | null;
                paymentMethod: string | null;
                /** @description unpaid | paid | partially_refunded | refunded */
                paymentStatus: string;
                /** Format: date-time */
                placedAt: string;
                refundedMinor: number;
                shippingMinor: number;
                /** @description pending_payment | paid | fulfilling | completed | cancelled */
                status: string;
                subtotalMinor: number;
                totalMinor: number;
                [key: string]: unknown;
              })[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One order: its shopper, the operator, merchants with lines in it (their lines only), associates of its stores
   * @description One order: its shopper, the operator, merchants with lines in it (their lines only), associates of its stores
   */
  getOrder: {
    parameters: {
      path: {
        orderId: string;
      };
    };
    responses: {
      /** @description An order with its lines and fulfilments (where and when), as the caller may see it */
      200: {
        content: {
          "application/json": {
            accountId: string | null;
            cancelledAt: string | null;
            cartId: string | null;
            /** @description web | app | pos */
            channel: string;
            currency: string;
            destination: {
              address?: string;
              city?: string;
              country?: string;
              latitude: number;
              longitude: number;
              [key: string]: unknown;
            } | null;
            fulfilments: ({
                collectBy?: string | null;
                /** Format: date-time */
                createdAt: string;
                destination: {
                  address?: string;
                  city?: string;
                  country?: string;
                  latitude: number;
                  longitude: number;
                  [key: string]: unknown;
                } | null;
                feeMinor: number;
                /** @description Staff see whether a code was issued, never the code */
                hasPickupCode?: boolean;
                /** Format: uuid */
                id: string;
                /** @description express_delivery | standard_shipping | store_pickup | partner_pickup | pos_takeaway | store_to_home */
                kind: string;
                lines: ({
                    /** Format: uuid */
                    orderLineId: string;
                    pickedQuantity: number | null;
                    quantity: number;
                    [key: string]: unknown;
                  })[];
                /** Format: uuid */
                orderId: string;
                pickupCode?: string | null;
                pickupLocationId: string | null;
                pickupQr: string | null;
                receivedAt?: string | null;
                slotEnd: string | null;
                slotStart: string | null;
                /** Format: uuid */
                sourceLocationId: string;
                status: string;
                /** Format: date-time */
                updatedAt: string;
                [key: string]: unknown;
              })[];
            /** Format: uuid */
            id: string;
            lines: ({
                amountMinor: number;
                currency: string;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                merchantId: string;
                /** Format: uuid */
                orderId: string;
                paidAt: string | null;
                productId?: string | null;
                quantity: number;
                refundedMinor: number;
                returnedQuantity: number;
                /** Format: uuid */
                skuId: string;
                unitPriceMinor: number;
                [key: string]: unknown;
              })[];
            locationId: string | null;
            paidAt: string | null;
            paymentMethod: string | null;
            /** @description unpaid | paid | partially_refunded | refunded */
            paymentStatus: string;
            /** Format: date-time */
            placedAt: string;
            refundedMinor: number;
            shippingMinor: number;
            /** @description pending_payment | paid | fulfilling | completed | cancelled */
            status: string;
            subtotalMinor: number;
            totalMinor: number;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Cancel before picking starts: stock released, payment refunded
   * @description Cancel before picking starts: stock released, payment refunded
   */
  cancelOrder: {
    parameters: {
      path: {
        orderId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            orderId: string;
            /** @description cancelled */
            status: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Re-issue the pickup code of a parcel waiting for collection: the old code stops working and a locked parcel unlocks
   * @description Re-issue the pickup code of a parcel waiting for collection: the old code stops working and a locked parcel unlocks
   */
  reissuePickupCode: {
    parameters: {
      path: {
        orderId: string;
        fulfilmentId: string;
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            fulfilmentId: string;
            pickupCode: string;
            pickupQr: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Every transition of the order and its fulfilments: who, when, what
   * @description Every transition of the order and its fulfilments: who, when, what
   */
  getOrderHistory: {
    parameters: {
      path: {
        orderId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                action: string;
                actorAccountId: string | null;
                /** Format: date-time */
                at: string;
                detail: {
                  [key: string]: unknown;
                };
                fromStatus: string | null;
                fulfilmentId: string | null;
                id: number;
                /** Format: uuid */
                orderId: string;
                toStatus: string | null;
                [key: string]: unknown;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Refund part of a paid order without a return (goodwill): spread over its lines in proportion, merchants' payables reversed for their share. The only way to refund an order's payment.
   * @description Refund part of a paid order without a return (goodwill): spread over its lines in proportion, merchants' payables reversed for their share. The only way to refund an order's payment.
   */
  refundOrder: {
    parameters: {
      path: {
        orderId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Minor units of the order currency, at most what is left to refund */
          amountMinor: number;
          reason: string;
          refundTo?: "original" | "wallet";
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            amountMinor: number;
            currency: string;
            lines: {
                [key: string]: unknown;
              }[];
            /** Format: uuid */
            orderId: string;
            paymentStatus: string;
            /** @description Refunded on the order so far */
            refundedMinor: number;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Curated pavilions with their live storefronts
   * @description Curated pavilions with their live storefronts
   */
  listPavilions: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                /** Format: uuid */
                id: string;
                name: {
                  [key: string]: string;
                };
                slug: string;
                storefronts: {
                    /** Format: uuid */
                    id: string;
                    name: string;
                    slug: string;
                    [key: string]: unknown;
                  }[];
                [key: string]: unknown;
              }[];
          };
        };
      };
    };
  };
  /**
   * Create a pavilion (operator)
   * @description Create a pavilion (operator)
   */
  createPavilion: {
    requestBody: {
      content: {
        "application/json": {
          description?: {
            en?: string;
            es?: string;
            it?: string;
            zh?: string;
          };
          name: {
            en?: string;
            es?: string;
            it?: string;
            zh?: string;
          };
          slug: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            slug: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Set the storefronts a pavilion groups, in display order (operator)
   * @description Set the storefronts a pavilion groups, in display order (operator)
   */
  setPavilionStorefronts: {
    parameters: {
      path: {
        pavilionId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          storefrontIds: string[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Create a payment intent for an order (checked against the order's amount and currency)
   * @description Create a payment intent for an order (checked against the order's amount and currency)
   */
  createPaymentIntent: {
    requestBody: {
      content: {
        "application/json": {
          /** @description Amount in minor units of the currency (cents; yen for JPY) */
          amountMinor: number;
          captureMethod?: "automatic" | "manual";
          /** @description ISO 4217 currency code */
          currency: string;
          /** Format: uuid */
          orderId?: string;
          provider: "wallet" | "card_sandbox" | "alipay";
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["PaymentIntent"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One payment intent
   * @description One payment intent
   */
  getPaymentIntent: {
    parameters: {
      path: {
        intentId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["PaymentIntent"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Authorise with the intent's provider (wallet at once; card sandbox and Alipay by notification)
   * @description Authorise with the intent's provider (wallet at once; card sandbox and Alipay by notification)
   */
  authorisePaymentIntent: {
    parameters: {
      path: {
        intentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          cardNumber?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            intent: components["schemas"]["PaymentIntent"];
            nextAction: {
              gateway?: string;
              params?: {
                [key: string]: string;
              };
              provider?: string;
              /** @description none | await_notification | alipay_request */
              type: string;
            };
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (503) */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Cancel an intent not yet captured (a wallet hold is released)
   * @description Cancel an intent not yet captured (a wallet hold is released)
   */
  cancelPaymentIntent: {
    parameters: {
      path: {
        intentId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["PaymentIntent"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Capture an authorised intent, in full or in part
   * @description Capture an authorised intent, in full or in part
   */
  capturePaymentIntent: {
    parameters: {
      path: {
        intentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Amount in minor units of the currency (cents; yen for JPY) */
          amountMinor?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["PaymentIntent"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Refund part or all of what was captured (never more) of a top-up. An intent that pays an order answers 409 payments.refund_through_order: refund it with POST /v1/orders/{orderId}/refunds, so the order and the merchants' settlement follow.
   * @description Refund part or all of what was captured (never more) of a top-up. An intent that pays an order answers 409 payments.refund_through_order: refund it with POST /v1/orders/{orderId}/refunds, so the order and the merchants' settlement follow.
   */
  refundPaymentIntent: {
    parameters: {
      path: {
        intentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Amount in minor units of the currency (cents; yen for JPY) */
          amountMinor: number;
          /** @description Refund as wallet credit instead of through the provider */
          toWallet?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["PaymentIntent"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Answer the card sandbox's 3-D Secure challenge
   * @description Answer the card sandbox's 3-D Secure challenge
   */
  answerSandboxChallenge: {
    parameters: {
      path: {
        intentId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          approve: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        content: {
          "application/json": components["schemas"]["PaymentIntent"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Alipay asynchronous notification (form-encoded, RSA2-signed); answers "success"
   * @description Alipay asynchronous notification (form-encoded, RSA2-signed); answers "success"
   */
  receiveAlipayNotification: {
    requestBody: {
      content: {
        "application/json": {
          [key: string]: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": string;
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (503) */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Card sandbox notification (JSON, HMAC-SHA256 in x-sandbox-signature)
   * @description Card sandbox notification (JSON, HMAC-SHA256 in x-sandbox-signature)
   */
  receiveCardSandboxNotification: {
    requestBody: {
      content: {
        "application/json": {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            intentId: string;
            outcome: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Settle an order's paid lines to merchants (and reverse refunded parts); repeating changes nothing
   * @description Settle an order's paid lines to merchants (and reverse refunded parts); repeating changes nothing
   */
  settleOrder: {
    parameters: {
      path: {
        orderId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            postings: {
                commissionMinor: number;
                currency: string;
                grossMinor: number;
                /** Format: uuid */
                merchantId: string;
                netMinor: number;
                /** Format: uuid */
                orderLineId: string;
              }[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Price lines for the caller: retail, or the business buyer's wholesale tiers (MOQ enforced)
   * @description Price lines for the caller: retail, or the business buyer's wholesale tiers (MOQ enforced)
   */
  quotePrices: {
    requestBody: {
      content: {
        "application/json": {
          /** @description ISO 4217 currency code */
          currency: string;
          lines: {
              quantity: number;
              /** Format: uuid */
              skuId: string;
            }[];
          /** @description Price a line below its minimum order quantity at that minimum instead of refusing it (a product page showing a business buyer's price) */
          raiseToMinimum?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            lines: {
                currency: string;
                lineAmountMinor: number;
                priceListKind: string;
                /** @description As asked, or raised to the minimum order quantity */
                quantity: number;
                /** Format: uuid */
                skuId: string;
                unitAmountMinor: number;
                [key: string]: unknown;
              }[];
            totalMinor: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A listed product as shoppers see it
   * @description A listed product as shoppers see it
   */
  getProduct: {
    parameters: {
      path: {
        productId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["Product"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Search listed products (full text per language, Chinese substrings, typo tolerant) with facets
   * @description Search listed products (full text per language, Chinese substrings, typo tolerant) with facets
   */
  searchProducts: {
    parameters: {
      query?: {
        q?: string;
        locale?: "es" | "it" | "en" | "zh";
        brand?: string;
        category?: string;
        pavilion?: string;
        /** @description ISO 4217 currency code */
        currency?: string;
        /** @description minor units of `currency` */
        min_price?: number;
        /** @description minor units of `currency` */
        max_price?: number;
        sort?: "relevance" | "newest" | "price_asc" | "price_desc";
        cursor?: string;
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            facets: {
              brands: {
                  count: number;
                  slug: string;
                  [key: string]: unknown;
                }[];
              categories: {
                  count: number;
                  slug: string;
                  [key: string]: unknown;
                }[];
              priceBands: ({
                  count: number;
                  fromMinor: number;
                  toMinor: number | null;
                })[];
            };
            items: ({
                currency: string;
                priceFromMinor: number | null;
                /** Format: uuid */
                productId: string;
                score: number;
                title: string | null;
                [key: string]: unknown;
              })[];
            nextCursor: string | null;
            total: number;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Sign in with email and password; answers a bearer token
   * @description Sign in with email and password; answers a bearer token
   */
  signIn: {
    requestBody: {
      content: {
        "application/json": {
          /** Format: email */
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            account: components["schemas"]["Account"];
            /** Format: date-time */
            expiresAt: string;
            token: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (429) */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Sign out: the bearer token stops working
   * @description Sign out: the bearer token stops working
   */
  signOut: {
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Close a period: a payout statement per merchant and currency
   * @description Close a period: a payout statement per merchant and currency
   */
  runSettlement: {
    requestBody: {
      content: {
        "application/json": {
          /** Format: uuid */
          merchantId?: string;
          /** Format: date-time */
          periodEnd: string;
          /** Format: date-time */
          periodStart: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            items: ({
                commissionMinor: number;
                /** Format: date-time */
                createdAt: string;
                currency: string;
                entryId: number | null;
                grossMinor: number;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                merchantId: string;
                netMinor: number;
                /** Format: date-time */
                periodEnd: string;
                /** Format: date-time */
                periodStart: string;
              })[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Find a SKU by its EAN-13 (till, receiving)
   * @description Find a SKU by its EAN-13 (till, receiving)
   */
  getSkuByBarcode: {
    parameters: {
      path: {
        barcode: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            listed: boolean;
            /** Format: uuid */
            productId: string;
            skuCode: string;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Open a basket at the associate's store
   * @description Open a basket at the associate's store
   */
  openTillBasket: {
    requestBody: {
      content: {
        "application/json": {
          currency: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            basketId: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Scan a barcode into the basket
   * @description Scan a barcode into the basket
   */
  scanTillItem: {
    parameters: {
      path: {
        basketId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          barcode: string;
          quantity?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            skuId: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Identify the shopper by the member code shown in their app
   * @description Identify the shopper by the member code shown in their app
   */
  identifyTillMember: {
    parameters: {
      path: {
        basketId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          memberCode: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            accountId: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Take payment (wallet or card) and print the receipt; optionally deliver the basket home from this store
   * @description Take payment (wallet or card) and print the receipt; optionally deliver the basket home from this store
   */
  payTillBasket: {
    parameters: {
      path: {
        basketId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          cardNumber?: string;
          deliverTo?: {
            address?: string;
            city?: string;
            country?: string;
            latitude: number;
            longitude: number;
          };
          provider: "wallet" | "card_sandbox";
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            currency: string;
            deliveryFulfilmentId: string | null;
            /** Format: date-time */
            issuedAt: string;
            lines: {
                amountMinor: number;
                quantity: number;
                /** Format: uuid */
                skuId: string;
                unitPriceMinor: number;
                [key: string]: unknown;
              }[];
            /** Format: uuid */
            locationId: string;
            /** Format: uuid */
            orderId: string;
            /** Format: uuid */
            paymentIntentId: string;
            paymentStatus: string;
            receiptNumber: string;
            totalMinor: number;
            [key: string]: unknown;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (402) */
      402: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The signed-in shopper's wallets, one per currency
   * @description The signed-in shopper's wallets, one per currency
   */
  listWallets: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            wallets: {
                balanceMinor: number;
                currency: string;
                exponent: number;
              }[];
          };
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Pay from the wallet (for an order, or a plain charge)
   * @description Pay from the wallet (for an order, or a plain charge)
   */
  payFromWallet: {
    requestBody: {
      content: {
        "application/json": {
          /** @description Amount in minor units of the currency (cents; yen for JPY) */
          amountMinor: number;
          /** @description ISO 4217 currency code */
          currency: string;
          /** Format: uuid */
          orderId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            balanceMinor: number;
            intent: components["schemas"]["PaymentIntent"];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Wallet statement, newest first, with cursor pagination
   * @description Wallet statement, newest first, with cursor pagination
   */
  getWalletStatement: {
    parameters: {
      query: {
        /** @description ISO 4217 currency code */
        currency: string;
        cursor?: string;
        limit?: number;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: ({
                amountMinor: number;
                balanceAfterMinor: number;
                /** Format: date-time */
                createdAt: string;
                currency: string;
                entryId: number;
                kind: string;
                lineId: number;
                memo: string | null;
                referenceId: string | null;
              })[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Top up the wallet through the card sandbox or Alipay; the wallet is credited when the provider confirms
   * @description Top up the wallet through the card sandbox or Alipay; the wallet is credited when the provider confirms
   */
  topUpWallet: {
    requestBody: {
      content: {
        "application/json": {
          /** @description Amount in minor units of the currency (cents; yen for JPY) */
          amountMinor: number;
          /** @description Card sandbox test card: 4242424242424242, 4000000000000002, 4000000000009995, 4000000000003220 */
          cardNumber?: string;
          /** @description ISO 4217 currency code */
          currency: string;
          provider: "card_sandbox" | "alipay";
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": {
            intent: components["schemas"]["PaymentIntent"];
            nextAction: {
              gateway?: string;
              params?: {
                [key: string]: string;
              };
              provider?: string;
              /** @description none | await_notification | alipay_request */
              type: string;
            };
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (422) */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (503) */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Send a delivery again (same event id and body), e.g. a dead-lettered one once the receiver is fixed
   * @description Send a delivery again (same event id and body), e.g. a dead-lettered one once the receiver is fixed
   */
  replayWebhookDelivery: {
    parameters: {
      path: {
        deliveryId: string;
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        content: {
          "application/json": components["schemas"]["WebhookDelivery"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (409) */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Subscriptions the caller manages (an operator sees all, or one merchant's with merchantId)
   * @description Subscriptions the caller manages (an operator sees all, or one merchant's with merchantId)
   */
  listWebhookSubscriptions: {
    parameters: {
      query?: {
        merchantId?: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["WebhookSubscription"][];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Subscribe a URL to topics. Merchant staff subscribe for their merchant; an operator for the platform or, with merchantId, for a merchant. The signing secret is in this answer only.
   * @description Subscribe a URL to topics. Merchant staff subscribe for their merchant; an operator for the platform or, with merchantId, for a merchant. The signing secret is in this answer only.
   */
  createWebhookSubscription: {
    requestBody: {
      content: {
        "application/json": {
          description?: string;
          /** Format: uuid */
          merchantId?: string;
          /** @description Topics from GET /v1/webhook-topics */
          topics: string[];
          /**
           * Format: uri
           * @description Receives a POST per event (HTTPS in production)
           */
          url: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        content: {
          "application/json": components["schemas"]["WebhookSubscription"] & {
            /** @description HMAC-SHA256 key of the Mercato-Signature header; store it now */
            secret: string;
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One subscription
   * @description One subscription
   */
  getWebhookSubscription: {
    parameters: {
      path: {
        subscriptionId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["WebhookSubscription"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Delete a subscription with its delivery log
   * @description Delete a subscription with its delivery log
   */
  deleteWebhookSubscription: {
    parameters: {
      path: {
        subscriptionId: string;
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        content: never;
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change URL, topics or description; status active re-enables a disabled subscription (its waiting deliveries then go out)
   * @description Change URL, topics or description; status active re-enables a disabled subscription (its waiting deliveries then go out)
   */
  updateWebhookSubscription: {
    parameters: {
      path: {
        subscriptionId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": {
          description?: string | null;
          status?: "active" | "disabled";
          /** @description Topics from GET /v1/webhook-topics */
          topics?: string[];
          /**
           * Format: uri
           * @description Receives a POST per event (HTTPS in production)
           */
          url?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": components["schemas"]["WebhookSubscription"];
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The delivery log: newest first, each with its attempts and the receiver's status codes
   * @description The delivery log: newest first, each with its attempts and the receiver's status codes
   */
  listWebhookDeliveries: {
    parameters: {
      query?: {
        status?: "pending" | "delivering" | "succeeded" | "dead";
        limit?: number;
      };
      path: {
        subscriptionId: string;
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: (components["schemas"]["WebhookDelivery"] & ({
                attemptLog: ({
                    /** Format: date-time */
                    attemptedAt: string;
                    durationMs: number;
                    error: string | null;
                    id: number;
                    responseExcerpt: string | null;
                    /** @description The receiver's HTTP status; null when it did not answer */
                    statusCode: number | null;
                  })[];
              }))[];
          };
        };
      };
      /** @description Problem (400) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (401) */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (403) */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Problem (404) */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The event catalogue: every topic a subscription may name, with its version and payload schema
   * @description The event catalogue: every topic a subscription may name, with its version and payload schema
   */
  listWebhookTopics: {
    responses: {
      /** @description Default Response */
      200: {
        content: {
          "application/json": {
            items: {
                description: string;
                schema: unknown;
                topic: string;
                version: number;
              }[];
          };
        };
      };
    };
  };
}
