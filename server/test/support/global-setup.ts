/** Says up front which suites against real services will run, so a skip is never silent. */
export default function setup(): void {
  const real = [
    { name: 'Redis', variable: 'TEST_REDIS_URL' },
    { name: 'PostgreSQL', variable: 'TEST_DATABASE_URL' },
  ];
  for (const { name, variable } of real) {
    if (process.env[variable])
      console.log(`[real components] ${name} suites run against ${variable}=${process.env[variable]}`);
    else console.log(`[real components] ${name} suites SKIPPED: set ${variable} to run them (.ci/run does)`);
  }
}
