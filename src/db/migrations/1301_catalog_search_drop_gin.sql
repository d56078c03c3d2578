-- Search answers from each process's in-memory index (1300), which reads product_search by
-- product id only: the GIN indexes over its vectors, trigrams and grams are no longer read,
-- and maintaining them was most of the cost of writing a search document (catalogue import).
drop index if exists product_search_es_idx;
drop index if exists product_search_it_idx;
drop index if exists product_search_en_idx;
drop index if exists product_search_simple_idx;
drop index if exists product_search_latin_trgm_idx;
drop index if exists product_search_cjk_idx;
drop index if exists product_search_brand_idx;
drop index if exists product_search_category_idx;
