-- The trigram index on keywords.keyword served no tenant search. The keyword list's search filter
-- is `keyword ilike '%…%'`, and under row-level security the planner may use a condition as an
-- index condition only when its operator is leakproof, which ILIKE is not: as the tenant, every
-- search walked an ordered index or the table whatever the index (bench/keyword-search.ts, 1 M
-- keywords: the index scanned 0 times over the whole run of searches). It cost every insert
-- and import its upkeep (200 k inserts 8.2 s with it, 7.0 s without) and 52 MB a million keywords.
-- A search that uses one needs a matching step the planner may push below the policies first.
drop index if exists keywords_search;
