-- Where a reseller may sell a brand: a list of ISO 3166-1 alpha-2 country codes, null meaning
-- everywhere (what every authorisation meant until now). `scope` stays as the free-text note on
-- which products it covers, so old rows read as before.
alter table brand_authorisations add column territories text[];
alter table brand_authorisations add constraint brand_authorisations_territories_codes check (
  territories is null or (cardinality(territories) > 0 and array_to_string(territories, ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$'));

-- Old free-text scopes that name a country keep their meaning as codes (e.g. "small leather
-- goods, mainland China" → {CN}); the rest stay unrestricted, as they were enforced before.
update brand_authorisations a set territories = named.codes
from (
  select b.id, array_agg(distinct t.code order by t.code) as codes
  from brand_authorisations b
  join (values ('china', 'CN'), ('中国', 'CN'), ('hong kong', 'HK'), ('spain', 'ES'), ('españa', 'ES'), ('italy', 'IT'), ('italia', 'IT'),
               ('france', 'FR'), ('germany', 'DE'), ('portugal', 'PT'), ('japan', 'JP'), ('united kingdom', 'GB')) as t (name, code)
    on position(t.name in lower(b.scope)) > 0
  group by b.id
) named
where named.id = a.id;
