/**
 * PostgreSQL advisory locks are keyed by two integers; the first one is this application's
 * namespace, so AICHAIN's locks never collide with another application's on a shared server.
 */
/** "AIch" as four bytes. */
export const ADVISORY_NAMESPACE = 0x41496368;
/** Second key of the lock replicas take while migrating the schema. */
export const ADVISORY_MIGRATIONS = 0;
/** Second keys of flight locks are hashtext(key) in a separate namespace, so they cannot hit the one above. */
export const ADVISORY_FLIGHT_NAMESPACE = 0x41496369;
