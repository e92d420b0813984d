/**
 * Registers of a native stack, ordered and sized by the CPU: the logic lives in `shared/registers`
 * so the bug reports print them the same way.
 * @see https://develop.sentry.dev/sdk/data-model/event-payloads/stacktrace/
 */
export { cpuArch, numericOf, registersOf, type Register } from '../../../shared/registers';
