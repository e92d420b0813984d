/** Moved to `shared/` with the rest of the scrubbing rules; see ../../shared/scrub-credentials.ts. */
export * from '../../shared/scrub-credentials';
