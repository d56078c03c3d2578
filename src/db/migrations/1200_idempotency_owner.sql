-- Which process runs the first request of a key (its instance id). A claim whose process is
-- gone (killed, or its request failed without answering) is taken over at once by a retry,
-- instead of blocking the key for a fixed time. Outcomes written in the work's own
-- transaction have no owner: they are complete the moment they exist.
alter table idempotency_keys add column owner text;
