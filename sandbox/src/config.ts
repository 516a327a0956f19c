import { z } from 'zod';

/**
 * The sandbox launcher's configuration, parsed once from the environment and the command line (the only
 * place in the sandbox that reads `process.env`). Fails fast with the variable's name.
 */
const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be between 0 and 65535`)
    .max(65535, `${name} must be between 0 and 65535`)
    .default(fallback);

const envSchema = z.object({
  DATAVERSE_EMULATOR_PORT: port('DATAVERSE_EMULATOR_PORT', 5555),
  CLARITY_EMULATOR_PORT: port('CLARITY_EMULATOR_PORT', 5556),
  PORT: port('PORT', 3000),
  /** Where `npm start` keeps the proxy's SQLite store (recreated on every start: the emulators are too). */
  SANDBOX_DATA_DIR: z.string().min(1).default('.data/sandbox'),
  /** Use PostgreSQL for the demo proxy instead of SQLite. */
  DATABASE_URL: z.string().min(1).optional(),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_CUSTOMERS: z.coerce.number().int().min(0).max(1_000_000).default(40),
  SANDBOX_SEED: z.coerce.number().int().default(20261128),
  SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  SANDBOX_LIMIT_SCALE: z.coerce.number().positive().max(1).default(1),
});

export type SandboxConfig = Readonly<z.infer<typeof envSchema> & { demo: boolean }>;

/** `--demo`, `--customers N`, `--seed N` override the environment. */
export function parseSandboxConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): SandboxConfig {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--customers' || arg === '--seed') flags[arg === '--customers' ? 'SANDBOX_CUSTOMERS' : 'SANDBOX_SEED'] = argv[++i] ?? '';
  }
  const parsed = envSchema.safeParse({ ...env, ...flags });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid sandbox configuration: ${problems}`);
  }
  return Object.freeze({ ...parsed.data, demo: argv.includes('--demo') });
}
