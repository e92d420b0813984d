/** The scrubbing rules live in `shared/` since the app masks the same values on screen; see ../../shared/scrub-text.ts. */
export * from '../../shared/scrub-text';
