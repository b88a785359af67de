export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
