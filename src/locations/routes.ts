import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { PUBLIC } from '../http/auth.js';
import { IdParam, Timestamp, Uuid, problems } from '../http/schemas.js';
import { getLocation, listLocations } from './service.js';

const Location = Type.Object({
  id: Uuid, code: Type.String(), name: Type.String(), kind: Type.String(), latitude: Type.Number(), longitude: Type.Number(),
  address: Type.String(), city: Type.String(), country: Type.String(), timeZone: Type.String(), createdAt: Timestamp,
}, { $id: 'Location' });

export const locationRoutes: RoutesPlugin = (app, { database }) => {
  app.addSchema(Location);
  const tags = ['locations'];

  app.get('/v1/locations', {
    config: { access: PUBLIC },
    schema: { tags, summary: 'Stores, warehouses and pickup points', response: { 200: Type.Object({ items: Type.Array(Type.Ref('Location')) }) } },
  }, async () => ({ items: await listLocations(database.db) }));

  app.get('/v1/locations/:locationId', {
    config: { access: PUBLIC },
    schema: { tags, summary: 'One location', params: IdParam('locationId'), response: { 200: Type.Ref('Location'), ...problems(400, 404) } },
  }, async (request) => getLocation(database.db, request.params.locationId));
};
