-- General rate limit shared by every API process: hits per caller (API key or client address)
-- per fixed window. Processes add their counts in batches (see src/http/rate-limit.ts).
create table rate_limit_windows (
  caller text not null,
  window_start timestamptz not null,
  hits integer not null check (hits >= 0),
  primary key (caller, window_start)
);
create index rate_limit_windows_start_idx on rate_limit_windows (window_start);
