-- Budgets are a rate limit, not a record: they need no WAL and no flush at commit. Every request
-- charges its buckets, and with a logged table the row lock of a busy user's bucket was held through
-- each commit's WAL flush, serialising that user's requests. After a crash the table is empty:
-- every bucket starts full again.
ALTER TABLE "request_budgets" SET UNLOGGED;
