-- A write transaction.
BEGIN;
