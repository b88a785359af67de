/**
 * Table types of the application database. Each feature adds its tables here together with the
 * migration that creates them (server/src/db/migrations/).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no feature owns a table yet
export interface Database {}
