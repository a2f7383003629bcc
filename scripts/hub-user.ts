/**
 * Hub accounts from the command line (issue 17) — for the first admin and for scripts:
 *
 *   npm run --silent hub-user -- add            --db URL --username U --role volunteer|staff|admin [--ward CODE] [--name "Display name"] [--lang vi,en]
 *   npm run --silent hub-user -- disable        --db URL --username U
 *   npm run --silent hub-user -- enable         --db URL --username U
 *   npm run --silent hub-user -- reset-password --db URL --username U
 *
 * The password is read from standard input (never an argument: arguments show in `ps` and shell
 * history), e.g. `printf '%s' "$PW" | npm run --silent hub-user -- add …`. It must have at least
 * 10 characters and not contain the user name; the user must change it at first login. Staff and
 * volunteers need --ward; admins have none. Every change is audited (actor `cli`). Exit codes:
 * 0 done, 1 refused (the reason on stderr), 2 usage.
 */
import { HubLang, Role, Username, WardId } from '../common/contract/hub-common.ts';
import { openRepository } from '../hub/db/index.ts';
import { AccountStore, passwordProblem, wardRuleProblem } from '../hub/security/accounts.ts';

const USAGE = 'usage: hub-user add|disable|enable|reset-password --db URL --username U [--role volunteer|staff|admin] [--ward CODE] [--name NAME] [--lang vi,en]  (password on stdin)';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu (password), then Enter and Ctrl+D: ');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    if (size > 4096) fail(1, 'the password on stdin is too long');
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const command = process.argv[2];
if (!command || !['add', 'disable', 'enable', 'reset-password'].includes(command)) fail(2, USAGE);
const db = arg('--db');
const username = Username.safeParse(arg('--username')?.trim().toLowerCase());
if (!db || !username.success) fail(2, USAGE);
if (process.argv.includes('--password')) fail(2, 'the password is read from standard input, never from an argument');

const repo = await openRepository(db);
const store = new AccountStore(repo);
const audit = (action: string, detail: string | null = null) => repo.audit({ actor: 'cli', action, target: `user:${username.data}`, detail }, Date.now());
try {
  const existing = await repo.getUserByUsername(username.data);
  if (command === 'add') {
    const role = Role.safeParse(arg('--role'));
    if (!role.success) fail(2, USAGE);
    const wardArg = arg('--ward') ?? null;
    if (wardArg !== null && !WardId.safeParse(wardArg).success) fail(1, `not a ward code: ${wardArg}`);
    const wardProblem = wardRuleProblem(role.data, wardArg);
    if (wardProblem) fail(1, `refused: ${wardProblem}`);
    if (existing) fail(1, `refused: ${username.data} exists`);
    const langs = (arg('--lang') ?? 'vi').split(',').map((l) => HubLang.safeParse(l.trim()));
    if (langs.some((l) => !l.success)) fail(1, 'languages: vi, en');
    const password = await readStdin();
    const problem = passwordProblem(username.data, password);
    if (problem) fail(1, `refused: ${problem.en} (${problem.vi})`);
    const u = await store.create({ username: username.data, displayName: arg('--name') ?? username.data, role: role.data, ward: wardArg, languages: langs.map((l) => l.data!), password, mustChange: true }, Date.now());
    if (u === 'taken') fail(1, `refused: ${username.data} exists`);
    await audit('account.create', `role=${role.data}${wardArg ? ` ward=${wardArg}` : ''}`);
    process.stdout.write(`created ${username.data} (${role.data}${wardArg ? `, ${wardArg}` : ''}); the password must be changed at first login\n`);
  } else {
    if (!existing) fail(1, `no such user: ${username.data}`);
    if (command === 'reset-password') {
      const password = await readStdin();
      const problem = passwordProblem(username.data, password);
      if (problem) fail(1, `refused: ${problem.en} (${problem.vi})`);
      await store.setPassword(existing.id, password, true);
      await store.endSessions(existing.id);
      await audit('account.reset_password');
      process.stdout.write(`password of ${username.data} reset; it must be changed at first login\n`);
    } else {
      await store.setDisabled(existing.id, command === 'disable' ? Date.now() : null);
      if (command === 'disable') await store.endSessions(existing.id);
      await audit(command === 'disable' ? 'account.disable' : 'account.enable');
      process.stdout.write(`${username.data} ${command}d\n`);
    }
  }
} finally {
  await repo.close();
}
