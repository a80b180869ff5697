// Run before `npm test`: the Neovim end-to-end test needs `nvim` (Debian's neovim package). On a fresh machine
// where we are root with apt-get, install it; otherwise say exactly what to install, and fail.
import { spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
if (!has('nvim')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log('Installing neovim (apt-get) for the Neovim end-to-end test…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'neovim']]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) { console.error(`apt-get ${args.join(' ')} failed`); process.exit(1); }
    }
  } else {
    console.error('The Neovim end-to-end test needs nvim: install it first (Debian/Ubuntu: sudo apt-get install neovim).');
    process.exit(1);
  }
}
